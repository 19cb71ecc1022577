package gridmap.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * Accessibility checks for any screen, in the real browser:
 * <ul>
 * <li>{@link #assertNoViolations}: axe-core (vendored from npm, src/test/resources/axe, MPL-2.0)
 *     reports no violation of the WCAG 2.1 A and AA rules;</li>
 * <li>{@link #assertTargetsAtLeast}: every visible control is at least n × n CSS pixels (a
 *     checkbox or radio counts with its label, which takes its clicks);</li>
 * <li>{@link #assertTextAtLeast}: no visible text, and no text in a field, is smaller than n px;</li>
 * <li>{@link #assertFocusRingContrast}: every visible control, focused from the keyboard, shows an
 *     outline at least 2 px wide with 3:1 contrast against the background around it;</li>
 * <li>{@link #assertNoHorizontalScroll}: the page fits the window's width (reflow).</li>
 * </ul>
 * Each failure lists the elements, so the message says what to fix.
 */
public final class A11y {
    private A11y() {}

    private static final String AXE = read("/axe/axe.min.js");

    /** The interactive elements a person can click, tap or focus. */
    static final String CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea, summary, "
            + "[role=button], [role=option]:not([aria-disabled=true]), [role=checkbox], [tabindex]:not([tabindex='-1'])";

    private static String read(String resource) {
        try (InputStream in = A11y.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing test resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object js(WebDriver d, String script, Object... args) {
        return ((JavascriptExecutor) d).executeScript(script, args);
    }

    /** axe-core on the whole page as it is now: no WCAG 2.1 A/AA violation. */
    @SuppressWarnings("unchecked")
    public static void assertNoViolations(WebDriver d, String screen) {
        if (!Boolean.TRUE.equals(js(d, "return typeof window.axe === 'object'"))) js(d, AXE);
        List<Map<String, Object>> violations = (List<Map<String, Object>>) ((JavascriptExecutor) d).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
                        + " resultTypes: ['violations']})"
                        + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                        + "   nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + n.failureSummary.replace(/\\s+/g, ' '))}))))"
                        + ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));");
        assertThat(violations).as("axe-core WCAG 2.1 A/AA violations on %s", screen).isEmpty();
    }

    /** Every visible control is at least px × px CSS pixels. */
    @SuppressWarnings("unchecked")
    public static void assertTargetsAtLeast(WebDriver d, double px, String screen) {
        List<String> small = (List<String>) js(d, """
                const min = arguments[1] - 0.5, out = [];
                for (const el of document.querySelectorAll(arguments[0])) {
                  if (el.disabled || el.closest('[hidden], [inert]') || el.getClientRects().length === 0) continue;
                  const st = getComputedStyle(el);
                  if (st.visibility === 'hidden' || st.display === 'none') continue;
                  if (el.closest('.visually-hidden')) continue;
                  // the skip links are targets only while focused (then they are shown)
                  if (el.classList.contains('skip-link') && document.activeElement !== el) continue;
                  const target = (el.type === 'checkbox' || el.type === 'radio') && el.closest('label') ? el.closest('label') : el;
                  const r = target.getBoundingClientRect();
                  if (r.width < min || r.height < min) {
                    out.push((el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + String(el.className).trim().replace(/\\s+/g, '.'))
                      + ' "' + (el.innerText || el.getAttribute('aria-label') || el.value || '').trim().slice(0, 30) + '" '
                      + Math.round(r.width) + '×' + Math.round(r.height));
                  }
                }
                return out;""", CONTROLS, px);
        assertThat(small).as("controls smaller than %s×%s CSS px on %s", px, px, screen).isEmpty();
    }

    /** No visible text (text nodes, and the text in fields) is smaller than px. */
    @SuppressWarnings("unchecked")
    public static void assertTextAtLeast(WebDriver d, double px, String screen) {
        List<String> small = (List<String>) js(d, """
                const min = arguments[0] - 0.01, out = [], seen = new Set();
                const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
                    && !el.closest('[hidden], .visually-hidden, [aria-hidden=true]');
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                  const el = n.parentElement;
                  if (!el || !n.textContent.trim() || seen.has(el) || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName)) continue;
                  seen.add(el);
                  if (!visible(el)) continue;
                  const size = parseFloat(getComputedStyle(el).fontSize);
                  if (size < min) out.push(el.tagName.toLowerCase() + '.' + String(el.className).trim().replace(/\\s+/g, '.')
                      + ' "' + n.textContent.trim().slice(0, 30) + '" ' + size + 'px');
                }
                for (const el of document.querySelectorAll('input, select, textarea')) {
                  if (!visible(el) || el.type === 'checkbox' || el.type === 'radio') continue;
                  const size = parseFloat(getComputedStyle(el).fontSize);
                  if (size < min) out.push((el.id ? '#' + el.id : el.tagName.toLowerCase()) + ' ' + size + 'px');
                }
                return out;""", px);
        assertThat(small).as("text smaller than %s px on %s", px, screen).isEmpty();
    }

    /**
     * Focuses every visible control from the keyboard's point of view (a Tab first, so that
     * :focus-visible applies) and checks its outline: at least 2 px, and 3:1 against the colour
     * behind it (the parent's background for an outline outside the element, its own inside).
     */
    @SuppressWarnings("unchecked")
    public static void assertFocusRingContrast(WebDriver d, String screen) {
        new Actions(d).sendKeys(Keys.SHIFT).perform();
        List<String> weak = (List<String>) js(d, """
                const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
                  const p = m[1].split(',').map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
                const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
                const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
                const background = (el) => { for (let e = el; e; e = e.parentElement) {
                    const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0.5) return c; }
                  return {r: 255, g: 255, b: 255, a: 1}; };
                const out = [];
                for (const el of document.querySelectorAll(arguments[0])) {
                  if (el.disabled || el.closest('[hidden], [inert], .visually-hidden') || el.getClientRects().length === 0) continue;
                  if (getComputedStyle(el).visibility === 'hidden') continue;
                  el.focus({preventScroll: true});
                  if (document.activeElement !== el) continue;
                  const st = getComputedStyle(el);
                  const width = parseFloat(st.outlineWidth), color = parse(st.outlineColor);
                  const behind = parseFloat(st.outlineOffset) < 0 ? background(el) : background(el.parentElement);
                  const name = (el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + String(el.className).trim().replace(/\\s+/g, '.'));
                  if (st.outlineStyle === 'none' || width < 2 || !color) out.push(name + ' no focus outline');
                  else if (ratio(color, behind) < 3) out.push(name + ' outline ' + st.outlineColor + ' on ' + JSON.stringify(behind) + ' ' + ratio(color, behind).toFixed(2) + ':1');
                }
                document.activeElement && document.activeElement.blur();
                return out;""", CONTROLS);
        assertThat(weak).as("focus rings without 3:1 contrast on %s", screen).isEmpty();
    }

    /** The page is no wider than the window: nothing to scroll sideways. */
    public static void assertNoHorizontalScroll(WebDriver d, String screen) {
        Object widths = js(d, "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        @SuppressWarnings("unchecked")
        List<Long> w = (List<Long>) widths;
        assertThat(w.get(0)).as("page width vs window width on %s", screen).isLessThanOrEqualTo(w.get(1));
    }
}

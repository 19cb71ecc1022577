package gridmap.server.http;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * Hides the method-override headers from everything behind it. Javalin takes a request's method
 * from {@code X-HTTP-Method-Override} when present, so a GET (which a cross-site image or a link
 * can send) could otherwise act as a DELETE, and a HEAD as a GET. The method on the request line
 * is the method.
 */
public final class MethodOverrideFilter implements Filter {
    private static final Set<String> HIDDEN = Set.of("x-http-method-override", "x-http-method", "x-method-override");

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        chain.doFilter(req instanceof HttpServletRequest http ? new Plain(http) : req, res);
    }

    private static boolean hidden(String name) { return name != null && HIDDEN.contains(name.toLowerCase(Locale.ROOT)); }

    private static final class Plain extends HttpServletRequestWrapper {
        Plain(HttpServletRequest r) { super(r); }

        @Override public String getHeader(String name) { return hidden(name) ? null : super.getHeader(name); }

        @Override public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream().filter(n -> !hidden(n)).toList());
        }
    }
}

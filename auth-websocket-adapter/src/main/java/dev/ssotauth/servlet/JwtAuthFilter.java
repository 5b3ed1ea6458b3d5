package dev.ssotauth.servlet;

import dev.ssotauth.core.AuthContext;
import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.UserContext;
import dev.ssotauth.websocket.internal.BearerTokens;
import dev.ssotauth.websocket.internal.Decision;
import dev.ssotauth.websocket.internal.HttpChallenges;
import dev.ssotauth.websocket.internal.ProcessAuthority;
import dev.ssotauth.websocket.internal.ServletSource;
import dev.ssotauth.websocket.internal.Transports;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.security.Principal;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates HTTP requests with one {@link JwtAuthority}: every request that reaches the filter
 * must carry exactly one valid bearer token, or it is answered here and goes no further.
 *
 * <pre>{@code
 * servletContext.addFilter("jwt", new JwtAuthFilter(authority))
 *         .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/api/*");
 * }</pre>
 *
 * <p>Where the token is read: the {@code Authorization: Bearer} header (scheme case-insensitive);
 * on a WebSocket upgrade request also the subprotocol pair {@code bearer}, {@code <token>} and the
 * Kubernetes subprotocol form, since browsers cannot set headers on a WebSocket; a query parameter
 * ({@link #withQueryParameter(String)}) and a cookie ({@link #withCookie(String)}) only when enabled.
 *
 * <p>Answers, all with a fixed JSON body that holds no token and no exception text:
 * <ul>
 * <li>valid → the request continues with the {@link UserContext} in the attribute
 *     {@link #USER_CONTEXT_ATTRIBUTE}, {@code getUserPrincipal()} naming its subject,
 *     {@code isUserInRole(r)} answering {@link UserContext#hasRole(String)}, {@code getAuthType()}
 *     {@code "Bearer"}, and {@link AuthContext#current()} set to the user on the request's thread
 *     until the chain returns (work the request hands to other threads must use
 *     {@link AuthContext#wrap(java.util.concurrent.Executor)});</li>
 * <li>no token → 401, {@code WWW-Authenticate: Bearer} (RFC 6750 §3.1);</li>
 * <li>refused token → 401, {@code WWW-Authenticate: Bearer error="invalid_token"};</li>
 * <li>two or more tokens → 400, {@code WWW-Authenticate: Bearer error="invalid_request"};</li>
 * <li>{@link AuthUnavailableException} → 503, never 401.</li>
 * </ul>
 *
 * <p>Logs name the rejection reason only. Immutable and thread-safe; the {@code with…} methods return
 * configured copies.
 */
public final class JwtAuthFilter implements Filter {

    /**
     * The request attribute that holds the authenticated {@link UserContext}:
     * {@code "dev.ssotauth.core.UserContext"}.
     */
    public static final String USER_CONTEXT_ATTRIBUTE = UserContext.class.getName();

    private static final Logger log = LoggerFactory.getLogger(JwtAuthFilter.class);

    private final JwtAuthority authority;
    private final Transports transports;

    /**
     * A filter over {@code authority}, reading the {@code Authorization} header (and, on WebSocket
     * upgrades, the subprotocols).
     *
     * @param authority the authority that decides
     * @throws NullPointerException if {@code authority} is {@code null}
     */
    public JwtAuthFilter(JwtAuthority authority) {
        this(Objects.requireNonNull(authority, "authority"), Transports.DEFAULT);
    }

    /**
     * A filter over the process's authority, {@link JwtAuthority#fromEnvironment()}, built once per
     * class loader and shared with every other adapter created this way; for containers that create
     * filters themselves ({@code web.xml}, {@code @WebFilter}).
     *
     * @throws dev.ssotauth.core.AuthConfigurationException when that configuration is missing, weak or
     *                                                      conflicting
     */
    public JwtAuthFilter() {
        this(ProcessAuthority.get(), Transports.DEFAULT);
    }

    private JwtAuthFilter(JwtAuthority authority, Transports transports) {
        this.authority = authority;
        this.transports = transports;
    }

    /**
     * A copy that also accepts the token in the query parameter {@code name} (RFC 6750 §2.3, for
     * clients that can do nothing else; the query string tends to end up in access logs).
     *
     * @param name the parameter, such as {@code "access_token"}
     * @return the configured copy
     * @throws NullPointerException     if {@code name} is {@code null}
     * @throws IllegalArgumentException if {@code name} is not an HTTP token
     * @throws IllegalStateException    if a query parameter is already enabled
     */
    public JwtAuthFilter withQueryParameter(String name) {
        return new JwtAuthFilter(authority, transports.withQueryParameter(name));
    }

    /**
     * A copy that also accepts the token in the cookie {@code name}. A cookie is sent by the browser on
     * its own: protect state-changing requests against cross-site request forgery (for example with
     * {@code SameSite=Strict} cookies).
     *
     * @param name the cookie name
     * @return the configured copy
     * @throws NullPointerException     if {@code name} is {@code null}
     * @throws IllegalArgumentException if {@code name} is not an HTTP token
     * @throws IllegalStateException    if a cookie is already enabled
     */
    public JwtAuthFilter withCookie(String name) {
        return new JwtAuthFilter(authority, transports.withCookie(name));
    }

    /**
     * Authenticates the request and either continues the chain as its user or answers it (see the
     * class description). Requests that are not HTTP continue unchanged.
     *
     * @param request  the request
     * @param response the response
     * @param chain    the rest of the chain
     * @throws IOException      if the chain or writing the answer fails
     * @throws ServletException if the chain fails
     */
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse httpResponse = (HttpServletResponse) response;
        BearerTokens.Found found = BearerTokens.find(new ServletSource(http), transports,
                ServletSource.isWebSocketUpgrade(http));
        Decision decision = Decision.decide(authority, found, log, "request");
        if (HttpChallenges.refuse(decision, httpResponse)) {
            return;
        }
        UserContext user = decision.user();
        http.setAttribute(USER_CONTEXT_ATTRIBUTE, user);
        HttpServletRequest authenticated = new AuthenticatedRequest(http, user);
        try {
            AuthContext.callAs(user, () -> {
                chain.doFilter(authenticated, response);
                return null;
            });
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    /**
     * A safe description: the enabled transports; no authority secrets.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "JwtAuthFilter[" + transports + ", authority " + authority + "]";
    }

    /** The request as the authenticated user sees it. */
    private static final class AuthenticatedRequest extends HttpServletRequestWrapper {
        private final UserContext user;
        private final Principal principal;

        AuthenticatedRequest(HttpServletRequest request, UserContext user) {
            super(request);
            this.user = user;
            this.principal = new SubjectPrincipal(user.subject());
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getRemoteUser() {
            return user.subject();
        }

        @Override
        public boolean isUserInRole(String role) {
            return user.hasRole(role);
        }

        @Override
        public String getAuthType() {
            return HttpChallenges.SCHEME;
        }
    }

    /** The subject as a {@link Principal}; its {@code toString} does not show the name. */
    private static final class SubjectPrincipal implements Principal {
        private final String name;

        SubjectPrincipal(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SubjectPrincipal && ((SubjectPrincipal) o).name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return "SubjectPrincipal[(redacted)]";
        }
    }
}

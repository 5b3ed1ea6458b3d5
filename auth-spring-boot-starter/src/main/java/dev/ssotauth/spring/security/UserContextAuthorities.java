package dev.ssotauth.spring.security;

import dev.ssotauth.core.UserContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * The authorities of a verified token: {@code ROLE_<role>} for each of {@link UserContext#roles()}
 * (read from the configured claim paths) and {@code SCOPE_<scope>} for each of
 * {@link UserContext#scopes()}, so that {@code hasRole("admin")} and {@code hasAuthority("SCOPE_chat")}
 * work. A {@link Jwt} that is not a {@link VerifiedJwt} has none. Stateless.
 */
public final class UserContextAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

    /** Created by the auto-configuration, or by an application that wires its own converter. */
    public UserContextAuthorities() {
    }

    /**
     * A converter whose {@code Authentication#getName()} is the subject and whose authorities are
     * these.
     *
     * @return a new converter
     */
    public static JwtAuthenticationConverter converter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new UserContextAuthorities());
        converter.setPrincipalClaimName("sub");
        return converter;
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        if (!(jwt instanceof VerifiedJwt verified)) {
            return List.of();
        }
        UserContext user = verified.user();
        List<GrantedAuthority> authorities = new ArrayList<>(user.roles().size() + user.scopes().size());
        user.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        user.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
        return authorities;
    }
}

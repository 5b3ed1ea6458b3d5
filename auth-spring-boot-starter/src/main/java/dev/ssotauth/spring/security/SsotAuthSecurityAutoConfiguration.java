package dev.ssotauth.spring.security;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.spring.web.UserContextArgumentResolver;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring Security on the one authority, with no second validation path: a {@link JwtDecoder} backed
 * by it (so Boot's default resource-server chain, and any {@code oauth2ResourceServer(o -> o.jwt(...))},
 * verifies through it), the subject as {@code Authentication#getName()}, roles and scopes as
 * authorities, {@link dev.ssotauth.core.AuthContext#current()} bound for the request, a
 * {@link dev.ssotauth.core.UserContext} controller parameter, and 503 when the authority cannot decide.
 * Every bean backs off when the application defines its own.
 */
@AutoConfiguration(after = dev.ssotauth.spring.SsotAuthAutoConfiguration.class, beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration" })
@ConditionalOnClass(JwtDecoder.class)
@ConditionalOnBean(JwtAuthority.class)
public class SsotAuthSecurityAutoConfiguration {

    /** Created by Spring. */
    public SsotAuthSecurityAutoConfiguration() {
    }

    /**
     * The decoder.
     *
     * @param authority the authority
     * @return a decoder backed by it
     */
    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    public AuthorityJwtDecoder jwtDecoder(JwtAuthority authority) {
        return new AuthorityJwtDecoder(authority);
    }

    /**
     * Subject as the name, {@code ROLE_*} and {@code SCOPE_*} authorities.
     *
     * @return the converter Spring Security's {@code jwt()} configurer picks up
     */
    @Bean
    @ConditionalOnMissingBean
    public JwtAuthenticationConverter jwtAuthenticationConverter() {
        return UserContextAuthorities.converter();
    }

    /** The servlet parts: filters and the controller parameter. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    public static class Servlet {

        /** Created by Spring. */
        public Servlet() {
        }

        /**
         * 503 when the authority cannot decide.
         *
         * @return the filter
         */
        @Bean
        @ConditionalOnMissingBean
        public AuthUnavailableFilter ssotAuthUnavailableFilter() {
            return new AuthUnavailableFilter();
        }

        /**
         * The verified user as {@code AuthContext.current()} during the request.
         *
         * @return the filter
         */
        @Bean
        @ConditionalOnMissingBean
        public AuthContextFilter ssotAuthContextFilter() {
            return new AuthContextFilter();
        }

    }

    /** Spring MVC: {@code UserContext} controller parameters. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(WebMvcConfigurer.class)
    public static class Mvc implements WebMvcConfigurer {

        /** Created by Spring. */
        public Mvc() {
        }

        @Override
        public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
            resolvers.add(new UserContextArgumentResolver());
        }
    }
}

package dev.ssotauth.spring.web;

import dev.ssotauth.core.AuthContext;
import dev.ssotauth.core.UserContext;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a controller parameter of type {@link UserContext} to the request's verified user. On a
 * request without one (an endpoint the security chain leaves open), the answer is 401, not a
 * {@code null}. Stateless.
 */
public final class UserContextArgumentResolver implements HandlerMethodArgumentResolver {

    /** Created by the auto-configuration. */
    public UserContextArgumentResolver() {
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == UserContext.class;
    }

    @Override
    public UserContext resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return AuthContext.current().orElseThrow(() -> new AuthenticationCredentialsNotFoundException(
                "this endpoint takes a UserContext but the request carries no verified token"));
    }
}

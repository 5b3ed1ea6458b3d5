/**
 * Meters and health for the starter's authority, when Micrometer or Actuator is present; the entry
 * point is {@link dev.ssotauth.spring.observability.SsotAuthObservabilityAutoConfiguration}.
 */
package dev.ssotauth.spring.observability;

/**
 * ssot-auth meters: {@link dev.ssotauth.micrometer.AuthMetrics}, an authority's listener that is a
 * Micrometer {@code MeterBinder}.
 */
@SuppressWarnings({ "requires-automatic", "requires-transitive-automatic" }) // Micrometer ships an Automatic-Module-Name
module dev.ssotauth.micrometer {
    requires transitive dev.ssotauth.core;
    requires transitive micrometer.core;

    exports dev.ssotauth.micrometer;
}

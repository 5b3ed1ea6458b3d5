package dev.ssotauth.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The values a builder was given, each once, each checked against its {@link Setting}'s rule when it
 * arrives, and each remembered with the name the user gave it by: the builder method, or the
 * variable and where it was read. Not thread-safe; a builder is used by one thread.
 */
public final class GivenSettings {

    private final Map<Setting<?>, Object> values = new LinkedHashMap<>();
    private final Map<Setting<?>, String> labels = new LinkedHashMap<>();
    private boolean fromEnvironment;

    /**
     * Takes a value.
     *
     * @param setting the setting
     * @param value   the value
     * @param label   how the user named it: the method, or the variable and its source
     * @param <T>     the type of a value
     * @throws NullPointerException                          if {@code value} is {@code null}
     * @throws IllegalStateException                         if the setting was already given
     * @throws dev.ssotauth.core.AuthConfigurationException if the value breaks the setting's rule
     */
    public <T> void put(Setting<T> setting, T value, String label) {
        Objects.requireNonNull(value, setting.method());
        if (values.containsKey(setting)) {
            String first = labels.get(setting);
            throw new IllegalStateException(setting.method() + " is already set"
                    + (first.equals(setting.method()) ? "" : " by " + first));
        }
        values.put(setting, setting.check(value, label));
        labels.put(setting, label);
    }

    /**
     * The given value.
     *
     * @param setting the setting
     * @param <T>     the type of a value
     * @return the value, or {@code null} when not given
     */
    @SuppressWarnings("unchecked") // put() stores a T under a Setting<T>
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    /**
     * The given value, or the setting's default.
     *
     * @param setting the setting
     * @param <T>     the type of a value
     * @return the value, or the default ({@code null} when there is none)
     */
    public <T> T getOrDefault(Setting<T> setting) {
        T value = get(setting);
        return value != null ? value : setting.defaultValue();
    }

    /**
     * Whether the setting was given.
     *
     * @param setting the setting
     * @return whether it was given
     */
    public boolean has(Setting<?> setting) {
        return values.containsKey(setting);
    }

    /**
     * How a setting is named in messages: as the user gave it, or, when not given, the way this
     * builder was filled (the variable for a builder from the environment, the method otherwise).
     *
     * @param setting the setting
     * @return the name
     */
    public String label(Setting<?> setting) {
        String label = labels.get(setting);
        return label != null ? label : setting.name(fromEnvironment);
    }

    /**
     * Whether this builder was filled from the environment, so that settings it lacks are named by
     * their variables.
     *
     * @return whether it came from the environment
     */
    public boolean fromEnvironment() {
        return fromEnvironment;
    }

    /** Marks this builder as filled from the environment. */
    public void markFromEnvironment() {
        fromEnvironment = true;
    }
}

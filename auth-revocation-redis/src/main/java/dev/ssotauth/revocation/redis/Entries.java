package dev.ssotauth.revocation.redis;

import java.time.Instant;
import java.util.Objects;

import dev.ssotauth.core.Revocation;

/**
 * How revocations are written in Redis, under one key prefix ({@code P}, by default
 * {@code ssot-auth:revocation}):
 *
 * <ul>
 * <li>one string key per revocation, {@code P:entry:T:<jti>}, {@code P:entry:S:<sid>} or
 * {@code P:entry:U:<sub>}, holding {@code <expiresAtMillis>} (tokens, sessions) or
 * {@code <expiresAtMillis>:<issuedUpToMillis>} (subjects), with a Redis expiry at
 * {@code expiresAtMillis} ({@code PXAT}), so Redis drops an entry when every token it covers has
 * expired;</li>
 * <li>one pub/sub channel, {@code P:events}, carrying {@code v1|<kind>|<expiresAtMillis>|<issuedUpToMillis or
 * empty>|<value>} for every change;</li>
 * <li>one heartbeat channel per node, {@code P:heartbeat:<node id>}, carrying the node's own clock
 * reading in milliseconds.</li>
 * </ul>
 *
 * <p>Writes go through {@link #MERGE_SCRIPT}, which merges with what is stored (the later expiry, the
 * later cut-off), sets the key and publishes the merged entry in one atomic step, so that a node that
 * subscribes first and scans second cannot miss a write. Instants are kept in whole milliseconds:
 * expiries rounded up, cut-offs rounded down (a cut-off is compared in whole seconds anyway).
 *
 * <p>Immutable and thread-safe.
 */
final class Entries {

    /**
     * KEYS[1] the entry key; ARGV[1] expiresAt millis; ARGV[2] issuedUpTo millis or -1; ARGV[3] the
     * events channel; ARGV[4] the kind letter; ARGV[5] the value. Returns the stored entry after the
     * merge; publishes only when the stored entry changed.
     */
    static final String MERGE_SCRIPT = String.join("\n",
            "local exp = tonumber(ARGV[1])",
            "local upto = tonumber(ARGV[2])",
            "local cur = redis.call('GET', KEYS[1])",
            "if cur then",
            "  local sep = string.find(cur, ':', 1, true)",
            "  local curExp = tonumber(sep and string.sub(cur, 1, sep - 1) or cur) or 0",
            "  local curUpto = sep and tonumber(string.sub(cur, sep + 1)) or -1",
            "  if curExp >= exp and curUpto >= upto then",
            "    return cur",
            "  end",
            "  if curExp > exp then exp = curExp end",
            "  if curUpto > upto then upto = curUpto end",
            "end",
            "local expText = string.format('%.0f', exp)",
            "local uptoText = ''",
            "local stored = expText",
            "if upto >= 0 then",
            "  uptoText = string.format('%.0f', upto)",
            "  stored = expText .. ':' .. uptoText",
            "end",
            "redis.call('SET', KEYS[1], stored, 'PXAT', expText)",
            "redis.call('PUBLISH', ARGV[3], 'v1|' .. ARGV[4] .. '|' .. expText .. '|' .. uptoText .. '|' .. ARGV[5])",
            "return stored");

    private static final String ENTRY = ":entry:";

    private final String prefix;
    private final String eventsChannel;
    private final String entryPattern;

    Entries(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.eventsChannel = prefix + ":events";
        this.entryPattern = globEscape(prefix) + ENTRY + "*";
    }

    /** The channel every change is published on. */
    String eventsChannel() {
        return eventsChannel;
    }

    /** The channel a node sends its heartbeats to, and only it listens on. */
    String heartbeatChannel(String nodeId) {
        return prefix + ":heartbeat:" + nodeId;
    }

    /** A SCAN pattern matching every entry key and nothing else of ours. */
    String entryPattern() {
        return entryPattern;
    }

    /** The key of the entry {@code revocation} is kept under. */
    String key(Revocation revocation) {
        return prefix + ENTRY + letter(revocation.kind()) + ":" + revocation.value();
    }

    /** The arguments of {@link #MERGE_SCRIPT} for {@code revocation} (already {@linkplain #normalize normalized}). */
    String[] scriptArguments(Revocation revocation) {
        return new String[] {Long.toString(revocation.expiresAt().toEpochMilli()),
            revocation.issuedUpTo() == null ? "-1" : Long.toString(revocation.issuedUpTo().toEpochMilli()),
            eventsChannel, String.valueOf(letter(revocation.kind())), revocation.value()};
    }

    /**
     * The revocation stored under {@code key} with the stored text {@code stored}.
     *
     * @return the revocation, or {@code null} if the key or text is not one of ours
     */
    Revocation fromEntry(String key, String stored) {
        if (key == null || stored == null || !key.startsWith(prefix + ENTRY)) {
            return null;
        }
        String rest = key.substring(prefix.length() + ENTRY.length());
        if (rest.length() < 3 || rest.charAt(1) != ':') {
            return null;
        }
        int colon = stored.indexOf(':');
        String expiresAt = colon < 0 ? stored : stored.substring(0, colon);
        String issuedUpTo = colon < 0 ? "" : stored.substring(colon + 1);
        return revocation(rest.charAt(0), expiresAt, issuedUpTo, rest.substring(2));
    }

    /**
     * The revocation a message of the events channel announces.
     *
     * @return the revocation, or {@code null} if the message is not one this version understands
     */
    Revocation fromMessage(String message) {
        if (message == null || !message.startsWith("v1|")) {
            return null;
        }
        String[] parts = message.split("\\|", 5);
        if (parts.length != 5 || parts[1].length() != 1) {
            return null;
        }
        return revocation(parts[1].charAt(0), parts[2], parts[3], parts[4]);
    }

    private static Revocation revocation(char letter, String expiresAt, String issuedUpTo, String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            Instant expires = Instant.ofEpochMilli(Long.parseLong(expiresAt));
            switch (letter) {
                case 'T':
                    return issuedUpTo.isEmpty() ? Revocation.ofToken(value, expires) : null;
                case 'S':
                    return issuedUpTo.isEmpty() ? Revocation.ofSession(value, expires) : null;
                case 'U':
                    return Revocation.ofSubject(value, Instant.ofEpochMilli(Long.parseLong(issuedUpTo)), expires);
                default:
                    return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * {@code revocation} in whole milliseconds, as Redis keeps it: the expiry rounded up, the cut-off
     * rounded down (it is compared in whole seconds, so coverage does not change).
     */
    static Revocation normalize(Revocation revocation) {
        Instant expiresAt = revocation.expiresAt();
        long millis = expiresAt.toEpochMilli();
        if (expiresAt.getNano() % 1_000_000 != 0) {
            millis++;
        }
        Instant expires = Instant.ofEpochMilli(millis);
        switch (revocation.kind()) {
            case TOKEN:
                return Revocation.ofToken(revocation.value(), expires);
            case SESSION:
                return Revocation.ofSession(revocation.value(), expires);
            case SUBJECT:
                return Revocation.ofSubject(revocation.value(),
                        Instant.ofEpochMilli(revocation.issuedUpTo().toEpochMilli()), expires);
            default:
                throw new IllegalStateException(revocation.kind().name());
        }
    }

    /** Whether {@code stronger} covers at least what {@code weaker} does, for at least as long. */
    static boolean dominates(Revocation stronger, Revocation weaker) {
        return !stronger.expiresAt().isBefore(weaker.expiresAt())
                && (weaker.issuedUpTo() == null
                        || stronger.issuedUpTo() != null && !stronger.issuedUpTo().isBefore(weaker.issuedUpTo()));
    }

    private static char letter(Revocation.Kind kind) {
        switch (kind) {
            case TOKEN:
                return 'T';
            case SESSION:
                return 'S';
            case SUBJECT:
                return 'U';
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    private static String globEscape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}

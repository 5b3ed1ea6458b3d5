package dev.ssotauth.bench;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The ratios of one JMH run: each measurement of this library divided by the floor, the minimal
 * verifier and the fastest peer measured in the same run, with the targets of issues 12 and 8 (and
 * issue 7's revocation-list target); the handshake through JwtUpgradeFilter ÷ the plain handshake;
 * Spring Security's {@code JwtDecoder} through the starter ÷ {@code NimbusJwtDecoder}, alone and as
 * requests per second of one Boot endpoint (issue 14's targets). Rendered as Markdown (for the
 * terminal and the README) and as JSON. Cases that were not run are left out.
 */
final class RatioReport {

    static final List<String> PEERS = List.of("java-jwt", "nimbus", "jjwt", "jose4j");
    private static final List<String> ALGS = List.of("HS256", "RS256", "ES256", "EdDSA");

    /** One measured case. */
    record Measured(String benchmark, String benchCase, int threads, double score, double error, String unit,
            double bytesPerOp) {
    }

    /** One ratio against its target; {@code limit} is an upper bound unless {@code atLeast}. */
    record Target(String name, double value, double limit, boolean atLeast) {
        boolean holds() {
            return atLeast ? value >= limit : value <= limit;
        }
    }

    /** The verification summary of one algorithm; any value may be {@code NaN} when not measured. */
    record Row(String alg, double ours, double oursJdk, double floor, String floorName, double floorJdk, double minimal,
            double bestPeer, String bestPeerName, double oursBytes) {
    }

    /**
     * Spring Security's decoder for one algorithm, the starter's and Nimbus's: µs and bytes per
     * {@code decode}, and requests per second of the Boot endpoint; any value may be {@code NaN}.
     */
    record SpringRow(String alg, double starter, double nimbus, double starterBytes, double nimbusBytes,
            double starterRequests, double nimbusRequests) {
    }

    private final List<Measured> measured;
    private final String arguments;
    private final List<Row> rows = new ArrayList<>();
    private final List<SpringRow> springRows = new ArrayList<>();
    private final Map<String, Double> ratios = new LinkedHashMap<>();
    private final List<Target> targets = new ArrayList<>();

    private RatioReport(List<Measured> measured, String arguments) {
        this.measured = measured;
        this.arguments = arguments;
        compute();
    }

    static RatioReport of(Collection<RunResult> results, String arguments) {
        List<Measured> measured = new ArrayList<>();
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark();
            String simple = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            Result<?> primary = run.getPrimaryResult();
            double bytes = allocation(run);
            measured.add(new Measured(simple, benchCase(run), run.getParams().getThreads(),
                    primary.getScore(), primary.getScoreError(), primary.getScoreUnit(), bytes));
        }
        return new RatioReport(measured, arguments);
    }

    /**
     * The case of a run: its {@code benchCase} parameter, else its parameters as {@code name=value}
     * joined by commas (such as {@code revoked=100000}), else empty.
     */
    private static String benchCase(RunResult run) {
        String benchCase = run.getParams().getParam("benchCase");
        if (benchCase != null) {
            return benchCase;
        }
        List<String> params = new ArrayList<>();
        for (String key : run.getParams().getParamsKeys()) {
            params.add(key + "=" + run.getParams().getParam(key));
        }
        return String.join(",", params);
    }

    /** The bytes allocated per operation ({@code -prof gc}), or {@code NaN}. */
    @SuppressWarnings("rawtypes") // JMH's own signature: Map<String, Result>
    private static double allocation(RunResult run) {
        for (Map.Entry<String, Result> secondary : run.getSecondaryResults().entrySet()) {
            if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
                return secondary.getValue().getScore();
            }
        }
        return Double.NaN;
    }

    private double score(String benchmark, String benchCase) {
        for (Measured m : measured) {
            if (m.benchmark().equals(benchmark) && m.benchCase().equals(benchCase)) {
                return m.score();
            }
        }
        return Double.NaN;
    }

    private double bytes(String benchmark, String benchCase) {
        for (Measured m : measured) {
            if (m.benchmark().equals(benchmark) && m.benchCase().equals(benchCase)) {
                return m.bytesPerOp();
            }
        }
        return Double.NaN;
    }

    private void compute() {
        String verify = "VerifyBenchmark.verify";
        for (String alg : ALGS) {
            double ours = score(verify, alg + "/ssot-auth");
            double oursJdk = score(verify, alg + "/ssot-auth-jdk");
            double rawJdk = score(verify, alg + "/raw-jca");
            double rawBc = score(verify, alg + "/raw-jca-bc");
            double floor = rawJdk;
            String floorName = "JDK";
            if (!Double.isNaN(rawBc) && (Double.isNaN(rawJdk) || rawBc < rawJdk)) {
                floor = rawBc;
                floorName = "BouncyCastle";
            }
            double minimal = score(verify, alg + "/minimal");
            double bestPeer = Double.NaN;
            String bestPeerName = "";
            for (String peer : PEERS) {
                double s = score(verify, alg + "/" + peer);
                if (!Double.isNaN(s) && (Double.isNaN(bestPeer) || s < bestPeer)) {
                    bestPeer = s;
                    bestPeerName = peer;
                }
            }
            if (Double.isNaN(ours) && Double.isNaN(floor)) {
                continue;
            }
            Row row = new Row(alg, ours, oursJdk, floor, floorName, rawJdk, minimal, bestPeer, bestPeerName,
                    bytes(verify, alg + "/ssot-auth"));
            rows.add(row);
            ratio(alg + " verify: ours / floor", ours / floor);
            ratio(alg + " verify: ours / minimal", ours / minimal);
            ratio(alg + " verify: ours / best peer (" + bestPeerName + ")", ours / bestPeer);
            ratio(alg + " verify (JDK providers): ours / JDK floor", oursJdk / rawJdk);
        }
        double hsOurs = score(verify, "HS256/ssot-auth");
        target("HS256 authenticate ÷ minimal verifier (issue 12)", hsOurs / score(verify, "HS256/minimal"), 1.0, false);
        target("HS256 authenticate ÷ raw MAC (issue 12)", hsOurs / score(verify, "HS256/raw-jca"), 3.0, false);
        target("HS256 authenticate bytes allocated per call (issue 12)", bytes(verify, "HS256/ssot-auth"), 2048, false);
        target("HS256 authenticate ÷ minimal verifier", hsOurs / score(verify, "HS256/minimal"), 1.3, false);
        target("HS256 authenticate ÷ java-jwt", hsOurs / score(verify, "HS256/java-jwt"), 0.75, false);
        target("HS256 authenticate bytes allocated per call", bytes(verify, "HS256/ssot-auth"), 4096, false);
        target("RS256 authenticate ÷ raw JCA verify", score(verify, "RS256/ssot-auth") / score(verify, "RS256/raw-jca"),
                1.10, false);
        for (String alg : List.of("ES256", "EdDSA")) {
            double fastest = Math.min(score(verify, alg + "/raw-jca"), score(verify, alg + "/raw-jca-bc"));
            target(alg + " authenticate ÷ fastest provider's raw verify", score(verify, alg + "/ssot-auth") / fastest,
                    1.15, false);
        }

        String issue = "IssueBenchmark.issue";
        double issueHs = score(issue, "HS256/ssot-auth") / score(issue, "HS256/raw-jca");
        ratio("HS256 issue: ours / raw MAC", issueHs);
        ratio("RS256 issue: ours / raw RSA sign", score(issue, "RS256/ssot-auth") / score(issue, "RS256/raw-jca"));
        double bestIssuePeer = Double.NaN;
        String bestIssuePeerName = "";
        for (String peer : PEERS) {
            double s = score(issue, "HS256/" + peer);
            if (!Double.isNaN(s) && (Double.isNaN(bestIssuePeer) || s < bestIssuePeer)) {
                bestIssuePeer = s;
                bestIssuePeerName = peer;
            }
        }
        ratio("HS256 issue: ours / best peer (" + bestIssuePeerName + ")", score(issue, "HS256/ssot-auth") / bestIssuePeer);
        target("HS256 issue ÷ raw MAC", issueHs, 5, false);

        double ourScaling = score("ThreadScalingBenchmark.twoThreads", "HS256/ssot-auth")
                / score("ThreadScalingBenchmark.oneThread", "HS256/ssot-auth");
        double rawScaling = score("ThreadScalingBenchmark.twoThreads", "HS256/raw-jca")
                / score("ThreadScalingBenchmark.oneThread", "HS256/raw-jca");
        ratio("HS256 verify throughput: 2 threads / 1 thread, ours", ourScaling);
        ratio("HS256 verify throughput: 2 threads / 1 thread, raw MAC (the machine)", rawScaling);
        target("HS256 authenticate throughput, 2 threads ÷ 1", ourScaling, 1.9, true);

        double cacheHit = score("CacheBenchmark.authenticate", "cached") / score("CacheBenchmark.authenticate", "full");
        ratio("HS256 authenticate of a token seen before: cache hit / full path", cacheHit);
        target("HS256 cache hit ÷ full path", cacheHit, 0.1, false);

        double revocation = score("RevocationBenchmark.authenticate", "revoked=100000")
                / score("RevocationBenchmark.authenticate", "revoked=0");
        ratio("HS256 authenticate, 100,000 revoked jtis / empty revocation list", revocation);
        target("HS256 authenticate with 100,000 revoked ÷ empty list (issue 7)", revocation, 1.2, false);

        double handshake = score("HandshakeBenchmark.handshake", "authenticated")
                / score("HandshakeBenchmark.handshake", "plain");
        ratio("WebSocket handshake on Tomcat: JwtUpgradeFilter with a token / plain endpoint", handshake);

        String decode = "SpringDecoderBenchmark.decode";
        String endpoint = "SpringEndpointBenchmark.request";
        String starter = "/" + SpringDecoders.STARTER;
        String nimbus = "/" + SpringDecoders.NIMBUS;
        for (String alg : List.of("HS256", "RS256")) {
            SpringRow row = new SpringRow(alg, score(decode, alg + starter), score(decode, alg + nimbus),
                    bytes(decode, alg + starter), bytes(decode, alg + nimbus),
                    score(endpoint, alg + starter), score(endpoint, alg + nimbus));
            if (!Double.isNaN(row.starter()) || !Double.isNaN(row.nimbus()) || !Double.isNaN(row.starterRequests())
                    || !Double.isNaN(row.nimbusRequests())) {
                springRows.add(row);
            }
        }
        target("HS256 Spring JwtDecoder.decode, starter ÷ NimbusJwtDecoder (issue 14)",
                score(decode, "HS256" + starter) / score(decode, "HS256" + nimbus), 0.4, false);
        target("RS256 Spring JwtDecoder.decode, starter ÷ NimbusJwtDecoder (issue 14)",
                score(decode, "RS256" + starter) / score(decode, "RS256" + nimbus), 1.0, false);
        ratios.values().removeIf(v -> Double.isNaN(v) || Double.isInfinite(v));
        targets.removeIf(t -> Double.isNaN(t.value()) || Double.isInfinite(t.value()));
    }

    private void ratio(String name, double value) {
        ratios.put(name, value);
    }

    private void target(String name, double value, double limit, boolean atLeast) {
        targets.add(new Target(name, value, limit, atLeast));
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("Verification of one token, µs/op (one thread); ratios within this run\n\n");
        out.append("| alg | ssot-auth | floor (raw JCA) | minimal | best peer | ours ÷ floor | ours ÷ minimal "
                + "| ours ÷ best peer | ours B/op |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            out.append("| ").append(r.alg()).append(" | ").append(us(r.ours())).append(" | ").append(us(r.floor()))
                    .append(r.floorName().equals("JDK") ? "" : " (BC)").append(" | ").append(us(r.minimal()))
                    .append(" | ").append(us(r.bestPeer())).append(r.bestPeerName().isEmpty() ? "" : " (" + r.bestPeerName() + ")")
                    .append(" | ").append(x(r.ours() / r.floor())).append(" | ").append(x(r.ours() / r.minimal()))
                    .append(" | ").append(x(r.ours() / r.bestPeer())).append(" | ").append(bytes(r.oursBytes()))
                    .append(" |\n");
            if (!Double.isNaN(r.oursJdk())) {
                out.append("| ").append(r.alg()).append(", JDK only | ").append(us(r.oursJdk())).append(" | ")
                        .append(us(r.floorJdk())).append(" | | | ").append(x(r.oursJdk() / r.floorJdk()))
                        .append(" | | | |\n");
            }
        }
        out.append("\nOther ratios\n\n| ratio | value |\n|---|---:|\n");
        for (Map.Entry<String, Double> e : ratios.entrySet()) {
            if (!e.getKey().contains(" verify: ours / ") && !e.getKey().contains("(JDK providers)")) {
                out.append("| ").append(e.getKey()).append(" | ").append(x(e.getValue())).append(" |\n");
            }
        }
        if (!springRows.isEmpty()) {
            out.append("\nSpring Security's JwtDecoder: the starter's (AuthorityJwtDecoder) and NimbusJwtDecoder; "
                    + "decode µs/op (one thread), and requests/s of one Boot endpoint (4 client threads)\n\n");
            out.append("| alg | starter µs | Nimbus µs | starter ÷ Nimbus | starter B/op | Nimbus B/op "
                    + "| starter req/s | Nimbus req/s | req/s starter ÷ Nimbus |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (SpringRow r : springRows) {
                out.append("| ").append(r.alg()).append(" | ").append(us(r.starter())).append(" | ").append(us(r.nimbus()))
                        .append(" | ").append(x(r.starter() / r.nimbus())).append(" | ").append(bytes(r.starterBytes()))
                        .append(" | ").append(bytes(r.nimbusBytes())).append(" | ").append(us(r.starterRequests()))
                        .append(" | ").append(us(r.nimbusRequests())).append(" | ")
                        .append(x(r.starterRequests() / r.nimbusRequests())).append(" |\n");
            }
        }
        out.append("\nTargets (issues 12, 8, 7 and 14)\n\n| target | measured | limit | holds |\n|---|---:|---:|---|\n");
        for (Target t : targets) {
            boolean isBytes = t.name().contains("bytes");
            out.append("| ").append(t.name()).append(" | ").append(isBytes ? bytes(t.value()) : x(t.value()))
                    .append(" | ").append(t.atLeast() ? "≥ " : "≤ ").append(isBytes ? bytes(t.limit()) : x(t.limit()))
                    .append(" | ").append(t.holds() ? "yes" : "**no**").append(" |\n");
        }
        out.append("\nEvery case\n\n| benchmark | case | threads | score | unit | B/op |\n|---|---|---:|---:|---|---:|\n");
        for (Measured m : measured) {
            out.append("| ").append(m.benchmark()).append(" | ").append(m.benchCase()).append(" | ").append(m.threads())
                    .append(" | ").append(fmt(m.score())).append(" ± ").append(fmt(m.error())).append(" | ")
                    .append(m.unit()).append(" | ").append(bytes(m.bytesPerOp())).append(" |\n");
        }
        out.append("\n").append(machine()).append("\n");
        return out.toString();
    }

    String json() {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"date\": ").append(str(LocalDate.now(ZoneOffset.UTC).toString())).append(",\n");
        out.append("  \"machine\": {\"cores\": ").append(Runtime.getRuntime().availableProcessors())
                .append(", \"jdk\": ").append(str(System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"))).append(", \"os\": ")
                .append(str(System.getProperty("os.name") + " " + System.getProperty("os.arch"))).append("},\n");
        out.append("  \"arguments\": ").append(str(arguments)).append(",\n");
        out.append("  \"verify\": [");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\"alg\": ").append(str(r.alg()))
                    .append(", \"oursUs\": ").append(num(r.ours())).append(", \"oursJdkUs\": ").append(num(r.oursJdk()))
                    .append(", \"floorUs\": ").append(num(r.floor())).append(", \"floorProvider\": ").append(str(r.floorName()))
                    .append(", \"minimalUs\": ").append(num(r.minimal())).append(", \"bestPeerUs\": ").append(num(r.bestPeer()))
                    .append(", \"bestPeer\": ").append(str(r.bestPeerName()))
                    .append(", \"oursOverFloor\": ").append(num(r.ours() / r.floor()))
                    .append(", \"oursOverMinimal\": ").append(num(r.ours() / r.minimal()))
                    .append(", \"oursOverBestPeer\": ").append(num(r.ours() / r.bestPeer()))
                    .append(", \"oursBytesPerOp\": ").append(num(r.oursBytes())).append('}');
        }
        out.append("\n  ],\n  \"spring\": [");
        for (int i = 0; i < springRows.size(); i++) {
            SpringRow r = springRows.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\"alg\": ").append(str(r.alg()))
                    .append(", \"starterUs\": ").append(num(r.starter())).append(", \"nimbusUs\": ").append(num(r.nimbus()))
                    .append(", \"starterOverNimbus\": ").append(num(r.starter() / r.nimbus()))
                    .append(", \"starterBytesPerOp\": ").append(num(r.starterBytes()))
                    .append(", \"nimbusBytesPerOp\": ").append(num(r.nimbusBytes()))
                    .append(", \"endpointStarterPerSecond\": ").append(num(r.starterRequests()))
                    .append(", \"endpointNimbusPerSecond\": ").append(num(r.nimbusRequests()))
                    .append(", \"endpointStarterOverNimbus\": ").append(num(r.starterRequests() / r.nimbusRequests()))
                    .append('}');
        }
        out.append("\n  ],\n  \"ratios\": {");
        int n = 0;
        for (Map.Entry<String, Double> e : ratios.entrySet()) {
            out.append(n++ == 0 ? "\n" : ",\n").append("    ").append(str(e.getKey())).append(": ").append(num(e.getValue()));
        }
        out.append("\n  },\n  \"targets\": [");
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(str(t.name())).append(", \"value\": ")
                    .append(num(t.value())).append(", \"limit\": ").append(num(t.limit())).append(", \"atLeast\": ")
                    .append(t.atLeast()).append(", \"holds\": ").append(t.holds()).append('}');
        }
        out.append("\n  ],\n  \"cases\": [");
        for (int i = 0; i < measured.size(); i++) {
            Measured m = measured.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\"benchmark\": ").append(str(m.benchmark()))
                    .append(", \"case\": ").append(str(m.benchCase())).append(", \"threads\": ").append(m.threads())
                    .append(", \"score\": ").append(num(m.score())).append(", \"error\": ").append(num(m.error()))
                    .append(", \"unit\": ").append(str(m.unit())).append(", \"bytesPerOp\": ").append(num(m.bytesPerOp()))
                    .append('}');
        }
        out.append("\n  ]\n}\n");
        return out.toString();
    }

    static String machine() {
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.runtime.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + "; " + LocalDate.now(ZoneOffset.UTC);
    }

    private static String us(double v) {
        return Double.isNaN(v) ? "—" : fmt(v);
    }

    private static String x(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "—" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String bytes(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : v >= 1 ? "%.2f" : "%.3f", v);
    }

    private static String num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String str(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}

package peers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a backend actually executed, per (user, operation), served as JSON on
 * GET http://127.0.0.1:<controlPort>/counts?user=<user> so tests assert on execution, not on status codes;
 * and how many requests reached it at all per user (GET /received?user=<user>, where the backend records them).
 */
public final class Counts {
    private static final Map<String, AtomicInteger> EXECUTED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> RECEIVED = new ConcurrentHashMap<>();

    private Counts() {
    }

    /** Records one execution; the user is the X-Drrs-User header the gateway passed on ("" when absent). */
    public static void executed(String user, String operation) {
        EXECUTED.computeIfAbsent(key(user == null ? "" : user) + operation, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Records that a request for the user reached the backend, whatever it named. */
    public static void received(String user) {
        RECEIVED.computeIfAbsent(user == null ? "" : user, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Starts the control server that answers /counts. */
    public static void serve(int controlPort) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", controlPort), 0);
        server.createContext("/counts", exchange -> {
            String user = userFrom(exchange.getRequestURI());
            String prefix = key(user);
            Map<String, Integer> counts = new TreeMap<>();
            EXECUTED.forEach((k, v) -> {
                if (k.startsWith(prefix) && k.length() > prefix.length()) {
                    counts.put(k.substring(prefix.length()), v.get());
                }
            });
            StringBuilder json = new StringBuilder("{");
            counts.forEach((op, n) -> json.append(json.length() > 1 ? "," : "").append('"').append(op).append("\":").append(n));
            answer(exchange, json.append('}').toString());
        });
        server.createContext("/received", exchange -> {
            AtomicInteger received = RECEIVED.get(userFrom(exchange.getRequestURI()));
            answer(exchange, Integer.toString(received == null ? 0 : received.get()));
        });
        server.start();
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String key(String user) {
        return user + "\u0000";
    }

    private static String userFrom(URI uri) {
        String query = uri.getRawQuery();
        if (query == null || !query.startsWith("user=")) {
            return "";
        }
        return java.net.URLDecoder.decode(query.substring(5), StandardCharsets.UTF_8);
    }
}

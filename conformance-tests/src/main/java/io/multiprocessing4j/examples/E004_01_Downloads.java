package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.QueueEmptyException;
import io.multiprocessing4j.SharedQueue;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * E004-01: download images concurrently: a Queue of URLs and two processes. The seed fetches two
 * images from the internet; the port serves them from a local HTTP server on 127.0.0.1.
 * <p>Bug fixed: the seed's worker loops on {@code url = q.get()} and stops when {@code q.empty()}
 * after its download, so when the other worker took the last URL it blocks forever on
 * {@code get()}. A careful user takes with {@code get_nowait()} and stops on {@code queue.Empty},
 * as here. Each saved file's name also goes to a second queue, so that the parent can see that
 * every file was saved exactly once.
 */
public final class E004_01_Downloads {
    private E004_01_Downloads() {
    }

    /** The seed's two URLs' file names. */
    static final List<String> NAMES = List.of("067d0e8627b667778ea8729e6e480a47_254_96.png",
            "3f52ff39e52f182d1bfd9ce061e9c6a6_254_144.jpg", "extra_1.png", "extra_2.png");

    static void download(SharedQueue<String> q, SharedQueue<String> saved, String dir) throws IOException {
        while (true) {
            String url;
            try {
                url = q.getNowait();
            } catch (QueueEmptyException e) {
                break;
            }
            byte[] content;
            try (InputStream in = URI.create(url).toURL().openStream()) {
                content = in.readAllBytes();
            }
            String imgName = url.substring(url.lastIndexOf('/') + 1);
            Files.write(Path.of(dir, imgName), content);
            saved.put(imgName);
        }
    }

    static byte[] image(String name) {
        byte[] b = new byte[2048 + name.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (name.hashCode() * 31 + i);
        }
        return b;
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale (unused)
     * @return how often each file was saved and whether every file's content is right
     * @throws IOException if the server or the directory cannot be made
     */
    public static ExampleResult run(Context mp, TimeScale scale) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (String name : NAMES) {
            server.createContext("/img/" + name, ex -> {
                byte[] body = image(name);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
        }
        server.start();
        Path dir = Files.createTempDirectory("mp4j-e004-01");
        try {
            SharedQueue<String> tasks = mp.queue();
            SharedQueue<String> saved = mp.queue();
            for (String name : NAMES) {
                tasks.put("http://127.0.0.1:" + server.getAddress().getPort() + "/img/" + name);
            }
            String dirName = dir.toString(); // a Path is not serializable: the children get its name
            ChildProcess p1 = mp.process(() -> download(tasks, saved, dirName));
            ChildProcess p2 = mp.process(() -> download(tasks, saved, dirName));
            p1.start();
            p2.start();
            p1.join();
            p2.join();
            System.out.println("主进程运行结束");
            List<String> savedNames = new ArrayList<>();
            saved.drainTo(savedNames);
            Map<String, Integer> times = new LinkedHashMap<>();
            NAMES.forEach(n -> times.put(n, 0));
            savedNames.forEach(n -> times.merge(n, 1, Integer::sum));
            boolean contentsEqual = true;
            for (String name : NAMES) {
                Path f = dir.resolve(name);
                contentsEqual &= Files.exists(f) && Arrays.equals(Files.readAllBytes(f), image(name));
            }
            return new ExampleResult().put("savedTimes", times).put("contentsEqual", contentsEqual)
                    .put("exitCodes", p1.exitCode() + "," + p2.exitCode());
        } finally {
            server.stop(0);
            try (var files = Files.list(dir)) {
                files.forEach(f -> {
                    try {
                        Files.delete(f);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            Files.delete(dir);
        }
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E004_01_Downloads::run);
    }
}

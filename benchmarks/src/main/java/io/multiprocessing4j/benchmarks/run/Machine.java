package io.multiprocessing4j.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A one-line description of the machine, for the report. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        String cpu = "unknown CPU";
        String mem = "";
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    cpu = l.substring(l.indexOf(':') + 1).strip();
                    break;
                }
            }
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal")) {
                    mem = ", " + l.substring(l.indexOf(':') + 1).strip() + " RAM";
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux: the OS line below still says where it ran
        }
        double[] load = new double[1];
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        load[0] = os.getSystemLoadAverage();
        return Runtime.getRuntime().availableProcessors() + " CPUs (" + cpu + ")" + mem + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + String.format(", load average %.2f at start", load[0]);
    }
}

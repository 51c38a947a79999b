package io.ferrite.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads the runtime's own class files (their constant pools: class references, descriptors and
 * generic signatures) and checks that the engine packages stay below the public ones: no class
 * cycle leaves an engine package and comes back, and the scheduler names no public type but
 * the few it implements or is handed.
 */
class EngineBoundaryTest {

    /** Packages that are engines: not exported, so their public members are not API. */
    private static final Set<String> ENGINES = Set.of("io.ferrite.runtime.scheduler", "io.ferrite.internal.sync");
    private static final Pattern NAME = Pattern.compile("io/ferrite/[A-Za-z0-9_/$]+");

    @Test
    void engine_packages_should_be_in_no_class_cycle_with_another_package_when_the_runtime_is_compiled()
            throws Exception {
        Map<String, Set<String>> graph = classGraph();
        assertTrue(graph.containsKey("io.ferrite.runtime.scheduler.Scheduler"), "the scan found the scheduler");
        List<String> crossing = new ArrayList<>();
        for (List<String> component : stronglyConnected(graph)) {
            Set<String> packages = new TreeSet<>();
            component.forEach(c -> packages.add(packageOf(c)));
            if (packages.size() > 1 && packages.stream().anyMatch(ENGINES::contains)) {
                crossing.add(new TreeSet<>(component).toString());
            }
        }
        assertEquals(List.of(), crossing, "class cycles between an engine package and another package:"
                + " let the engine hold a hook or an owner interface the public side implements instead");
    }

    @Test
    void scheduler_should_name_only_the_public_types_it_implements_when_the_runtime_is_compiled() throws Exception {
        Set<String> publicTypes = new TreeSet<>();
        classGraph().forEach((from, to) -> {
            if (packageOf(from).equals("io.ferrite.runtime.scheduler")) {
                to.stream().filter(t -> isPublicPackageOtherThanCore(packageOf(t))).forEach(publicTypes::add);
            }
        });
        // JoinHandle: a task is its own handle, so spawning allocates one object.
        assertEquals(Set.of("io.ferrite.runtime.JoinHandle"), publicTypes);
        assertFalse(publicTypes.contains("io.ferrite.time.VirtualTimeSource"));
    }

    private static boolean isPublicPackageOtherThanCore(String pkg) {
        return !pkg.equals("io.ferrite") && !pkg.startsWith("io.ferrite.internal") && !ENGINES.contains(pkg)
                && !pkg.equals("io.ferrite.runtime.scheduler");
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    /** Top-level class to the top-level classes its class files name (nested classes folded in). */
    static Map<String, Set<String>> classGraph() throws Exception {
        Path root = Path.of(Scheduler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root.resolve("io/ferrite"))) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String from = topLevel(root.relativize(file).toString().replace('\\', '/').replaceAll("\\.class$", ""));
                if (from.endsWith("module-info") || from.endsWith("package-info")) {
                    continue;
                }
                Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
                try (InputStream in = Files.newInputStream(file)) {
                    for (String text : constantPoolText(in)) {
                        Matcher m = NAME.matcher(text);
                        while (m.find()) {
                            String target = topLevel(m.group());
                            if (!target.equals(from) && !target.endsWith("package-info")) {
                                to.add(target);
                            }
                        }
                    }
                }
            }
        }
        // Drop names that are not classes of this jar (a package name in a string constant).
        graph.values().forEach(targets -> targets.retainAll(graph.keySet()));
        return graph;
    }

    private static String topLevel(String internalName) {
        int dollar = internalName.indexOf('$');
        return (dollar < 0 ? internalName : internalName.substring(0, dollar)).replace('/', '.');
    }

    /** The UTF-8 entries of a class file's constant pool (JVMS 4.4). */
    private static List<String> constantPoolText(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        List<String> texts = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> texts.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;   // takes two entries (JVMS 4.4.5)
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return texts;
    }

    /** Tarjan's strongly connected components, iteratively (the graph is a few hundred classes). */
    private static List<List<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<List<String>> result = new ArrayList<>();
        int[] next = {0};
        for (String start : graph.keySet()) {
            if (index.containsKey(start)) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[] {start, graph.get(start).iterator()});
            index.put(start, next[0]);
            low.put(start, next[0]++);
            stack.push(start);
            onStack.add(start);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String v = (String) frame[0];
                @SuppressWarnings("unchecked")
                java.util.Iterator<String> it = (java.util.Iterator<String>) frame[1];
                if (it.hasNext()) {
                    String w = it.next();
                    if (!index.containsKey(w)) {
                        index.put(w, next[0]);
                        low.put(w, next[0]++);
                        stack.push(w);
                        onStack.add(w);
                        work.push(new Object[] {w, graph.get(w).iterator()});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = (String) work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    List<String> component = new ArrayList<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        component.add(w);
                    } while (!w.equals(v));
                    result.add(component);
                }
            }
        }
        return result;
    }
}

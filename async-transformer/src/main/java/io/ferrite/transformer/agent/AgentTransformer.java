package io.ferrite.transformer.agent;

import io.ferrite.transformer.AsyncTransformer;
import io.ferrite.transformer.BatchResult;
import io.ferrite.transformer.ClassFiles;
import io.ferrite.transformer.ClassHierarchy;
import io.ferrite.transformer.Diagnostic;
import io.ferrite.transformer.TransformBatch;
import io.ferrite.transformer.TransformResult;
import io.ferrite.transformer.internal.RuntimeAbi;
import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Transforms classes as they load; see {@link FerriteAgent}.
 *
 * <p>Each class of an application class loader is a batch of one
 * ({@link AsyncTransformer#batch}, over {@link ClassFiles#ofClassLoader} of its loader): the
 * batch transforms it with a hierarchy read from that loader's resources and, when it is a nest
 * host, lists in its {@code NestMembers} the state machines its members will generate (their
 * class files are read as resources and transformed in memory to learn the names), so that
 * members loaded later find themselves in the nest. Then the agent:
 * <ul>
 *   <li>defines the class's state machines in the same loader first (they only name the owner,
 *       so it need not exist yet; their superclass comes from the runtime on that loader's path);</li>
 *   <li>on errors, prints each diagnostic to standard error and returns the class with a static
 *       initializer that throws the diagnostics ({@link InitializerFailure}).</li>
 * </ul>
 * A failure of the agent itself is printed as one line and the class loads untransformed.
 */
final class AgentTransformer implements ClassFileTransformer {

    /** Package prefixes of the JDK, never transformed (Ferrite's own are {@link RuntimeAbi#isFerriteClass}). */
    private static final List<String> JDK_PREFIXES = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/");

    private final ClassDefiner definer;
    private final PrintStream err;

    /**
     * Creates the transformer.
     *
     * @param definer defines state machines in a loader
     * @param err     where diagnostics are printed
     */
    AgentTransformer(ClassDefiner definer, PrintStream err) {
        this.definer = definer;
        this.err = err;
    }

    /**
     * Tells whether a class is never transformed: JDK classes and Ferrite's own.
     *
     * @param loader    its defining loader
     * @param className its internal name
     * @return true to leave it alone
     */
    static boolean skips(ClassLoader loader, String className) {
        if (loader == null || loader == ClassLoader.getPlatformClassLoader() || className == null) {
            return true;
        }
        for (String prefix : JDK_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return RuntimeAbi.isFerriteClass(className);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classFile) {
        if (skips(loader, className)) {
            return null;
        }
        try {
            TransformBatch batch = new AsyncTransformer(ClassHierarchy.ofClassLoader(loader))
                    .batch(ClassFiles.ofClassLoader(loader));
            TransformResult result = batch.add(className, classFile);
            BatchResult written = batch.finish();
            if (written.hasErrors()) {
                return reject(className, written.diagnostics(), classFile);
            }
            for (Diagnostic warning : written.diagnostics()) {
                err.println("ferrite: warning: " + warning.format(null));
            }
            defineMachines(loader, className, result.generatedClasses(), protectionDomain);
            return written.classFilesToWrite().get(className);
        } catch (RuntimeException | LinkageError e) {
            err.println("ferrite: internal error in the agent while loading " + className.replace('/', '.') + ", which"
                    + " stays untransformed: " + e + ". This is a bug in Ferrite, please report it.");
            return null;
        }
    }

    private byte[] reject(String className, List<Diagnostic> diagnostics, byte[] classFile) {
        List<String> lines = new ArrayList<>();
        for (Diagnostic diagnostic : diagnostics) {
            String line = diagnostic.format(null);
            err.println("ferrite: " + (diagnostic.isError() ? "" : "warning: ") + line);
            if (diagnostic.isError()) {
                lines.add(line);
            }
        }
        String message = "ferrite: " + lines.size() + (lines.size() == 1 ? " error" : " errors") + " in "
                + className.replace('/', '.') + ", which cannot be used until it is fixed:\n"
                + String.join("\n", lines);
        return InitializerFailure.replace(classFile, message);
    }

    private void defineMachines(ClassLoader loader, String owner, Map<String, byte[]> machines,
            ProtectionDomain protectionDomain) {
        for (Map.Entry<String, byte[]> machine : machines.entrySet()) {
            String name = machine.getKey().replace('/', '.');
            try {
                definer.define(loader, name, machine.getValue(), protectionDomain);
            } catch (LinkageError e) {
                if (findLoaded(loader, name)) {
                    // A redefinition (an IDE's hot swap): the machine from the first load stays.
                    err.println("ferrite: " + owner.replace('/', '.') + " was redefined; its @Async methods keep"
                            + " running the previous version of their bodies until the JVM restarts");
                } else {
                    throw e;
                }
            }
        }
    }

    private static boolean findLoaded(ClassLoader loader, String name) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}

package io.ferrite.transformer.agent;

import io.ferrite.transformer.AsyncTransformer;
import io.ferrite.transformer.ClassHierarchy;
import io.ferrite.transformer.Diagnostic;
import io.ferrite.transformer.TransformResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Transforms classes as they load; see {@link FerriteAgent}.
 *
 * <p>For each class of an application class loader that may need it:
 * <ul>
 *   <li>transforms it with a hierarchy read from that loader's resources;</li>
 *   <li>defines its state machines in the same loader first (they only name the owner, so it
 *       need not exist yet; their superclass comes from the runtime on that loader's path);</li>
 *   <li>if it is a nest host, lists in its {@code NestMembers} the state machines its members
 *       will generate, learnt by transforming their class files (read as resources), so that
 *       members loaded later find themselves in the nest;</li>
 *   <li>on errors, prints each diagnostic to standard error and returns the class with a static
 *       initializer that throws the diagnostics ({@link InitializerFailure}).</li>
 * </ul>
 * A failure of the agent itself is printed as one line and the class loads untransformed.
 */
final class AgentTransformer implements ClassFileTransformer {

    private static final byte[] NEST_MEMBERS = "NestMembers".getBytes(StandardCharsets.UTF_8);

    /** Package prefixes never transformed: the JDK and Ferrite's own jars. */
    private static final List<String> SKIPPED_PREFIXES = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/",
            "io/ferrite/transformer/", "io/ferrite/internal/", "io/ferrite/runtime/", "io/ferrite/annotations/",
            "io/ferrite/time/", "io/ferrite/sync/", "io/ferrite/channel/", "io/ferrite/stream/", "io/ferrite/net/",
            "io/ferrite/fs/", "io/ferrite/maven/");

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
        for (String prefix : SKIPPED_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        // Classes directly in io.ferrite are the runtime's core types; user code lives below.
        return className.startsWith("io/ferrite/") && className.indexOf('/', "io/ferrite/".length()) < 0;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classFile) {
        if (skips(loader, className)) {
            return null;
        }
        try {
            boolean candidate = AsyncTransformer.mightNeedTransformation(classFile);
            List<String> memberMachines = indexOf(classFile, NEST_MEMBERS) >= 0
                    ? memberMachines(loader, className, classFile) : List.of();
            if (!candidate && memberMachines.isEmpty()) {
                return null;
            }
            byte[] result = classFile;
            if (candidate) {
                TransformResult transformed = new AsyncTransformer(ClassHierarchy.ofClassLoader(loader))
                        .transform(classFile);
                if (transformed.outcome() == TransformResult.Outcome.FAILED) {
                    return reject(transformed, classFile);
                }
                for (Diagnostic warning : transformed.diagnostics()) {
                    err.println("ferrite: warning: " + warning.format(null));
                }
                if (transformed.outcome() == TransformResult.Outcome.TRANSFORMED) {
                    defineMachines(loader, className, transformed.generatedClasses(), protectionDomain);
                    result = transformed.classFile();
                }
            }
            if (!memberMachines.isEmpty()) {
                result = AsyncTransformer.addNestMembers(result, memberMachines);
            }
            return result == classFile ? null : result;
        } catch (RuntimeException | LinkageError e) {
            err.println("ferrite: internal error in the agent while loading " + className.replace('/', '.') + ", which"
                    + " stays untransformed: " + e + ". This is a bug in Ferrite, please report it.");
            return null;
        }
    }

    private byte[] reject(TransformResult result, byte[] classFile) {
        List<String> lines = new ArrayList<>();
        for (Diagnostic diagnostic : result.diagnostics()) {
            String line = diagnostic.format(null);
            err.println("ferrite: " + (diagnostic.isError() ? "" : "warning: ") + line);
            if (diagnostic.isError()) {
                lines.add(line);
            }
        }
        String message = "ferrite: " + lines.size() + (lines.size() == 1 ? " error" : " errors") + " in "
                + result.className().replace('/', '.') + ", which cannot be used until it is fixed:\n"
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

    /**
     * The state machines the members of a nest host will generate when they load: their class
     * files are read as resources and transformed only to learn the generated names.
     */
    private static List<String> memberMachines(ClassLoader loader, String host, byte[] hostFile) {
        List<String> members = nestMembers(hostFile);
        List<String> machines = new ArrayList<>();
        AsyncTransformer transformer = null;
        for (String member : members) {
            byte[] memberFile = resource(loader, member);
            if (memberFile == null || !AsyncTransformer.mightNeedTransformation(memberFile)) {
                continue;
            }
            if (transformer == null) {
                transformer = new AsyncTransformer(ClassHierarchy.ofClassLoader(loader));
            }
            TransformResult result = transformer.transform(memberFile);
            List<String> joining = result.nestMembersToAdd().get(host);
            if (joining != null) {
                machines.addAll(joining);
            }
        }
        return machines.stream().distinct().collect(Collectors.toList());
    }

    private static List<String> nestMembers(byte[] classFile) {
        List<String> members = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visitNestMember(String nestMember) {
                members.add(nestMember);
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return members;
    }

    private static byte[] resource(ClassLoader loader, String internalName) {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

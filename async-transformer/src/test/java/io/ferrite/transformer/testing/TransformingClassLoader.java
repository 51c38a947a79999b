package io.ferrite.transformer.testing;

import io.ferrite.transformer.AsyncTransformer;
import io.ferrite.transformer.BatchResult;
import io.ferrite.transformer.ClassFiles;
import io.ferrite.transformer.ClassHierarchy;
import io.ferrite.transformer.TransformBatch;
import io.ferrite.transformer.TransformResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Loads the classes of the fixture packages transformed, child-first, as the Maven plugin would
 * have written them: each class's whole nest is one {@link TransformBatch}, so that generated
 * state machines join their host's NestMembers. Every class it defines (rewritten owners and
 * generated state machines alike) first passes ASM's {@link CheckClassAdapter} (structure, then
 * data flow with {@code CheckClassAdapter.verify}); the JVM verifier then checks it again when it
 * is linked, since test JVMs run with verification on.
 */
public final class TransformingClassLoader extends ClassLoader {

    /** The package of the behaviour fixtures. */
    public static final String FIXTURES = "io.ferrite.transformer.fixtures";

    private final List<String> packages;
    private final AsyncTransformer transformer;
    private final Map<String, byte[]> classes = new HashMap<>();
    private final Map<String, TransformResult> results = new LinkedHashMap<>();
    private final ClassLoader verifying;

    /**
     * Creates a loader for the given packages (and their subpackages).
     *
     * @param packages binary package names
     */
    public TransformingClassLoader(String... packages) {
        this(TransformingClassLoader.class.getClassLoader(), packages);
    }

    /**
     * Creates a loader for the given packages whose original class files are resources of
     * {@code parent}: for classes compiled at test time and served from memory.
     *
     * @param parent   reads the original class files and loads every other class
     * @param packages binary package names
     */
    public TransformingClassLoader(ClassLoader parent, String... packages) {
        super(parent);
        this.packages = List.of(packages);
        this.transformer = new AsyncTransformer(ClassHierarchy.ofClassLoader(getParent()));
        this.verifying = new ClassLoader(getParent()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(name)) {
                    if (!isTransformed(name)) {
                        return super.loadClass(name, resolve);
                    }
                    Class<?> loaded = findLoadedClass(name);
                    if (loaded == null) {
                        byte[] bytes = bytes(name.replace('.', '/'));
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    }
                    return loaded;
                }
            }
        };
    }

    /** Creates a loader for the behaviour fixtures. */
    public TransformingClassLoader() {
        this(FIXTURES);
    }

    private boolean isTransformed(String name) {
        return packages.stream().anyMatch(p -> name.startsWith(p + "."));
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            if (!isTransformed(name)) {
                return super.loadClass(name, resolve);
            }
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] bytes = bytes(name.replace('.', '/'));
                verify(name, bytes);
                loaded = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    /**
     * Loads a fixture class.
     *
     * @param binaryName e.g. {@code io.ferrite.transformer.fixtures.Basics}
     * @return the transformed class
     */
    public Class<?> load(String binaryName) {
        try {
            return loadClass(binaryName);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Calls a static method of a fixture class by name (it must not be overloaded with the same
     * number of parameters).
     *
     * @param className the fixture's binary name
     * @param method    the method's name
     * @param arguments the arguments
     * @return what it returned
     */
    public Object call(String className, String method, Object... arguments) {
        return invoke(load(className), null, method, arguments);
    }

    /**
     * Calls a method reflectively, rethrowing what it throws unwrapped.
     *
     * @param type      the class declaring it
     * @param receiver  the receiver, null for a static method
     * @param method    the method's name
     * @param arguments the arguments
     * @return what it returned
     */
    public static Object invoke(Class<?> type, Object receiver, String method, Object... arguments) {
        List<Method> candidates = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(method) && m.getParameterCount() == arguments.length && !m.isBridge()) {
                    candidates.add(m);
                }
            }
            if (!candidates.isEmpty()) {
                break;
            }
        }
        if (candidates.size() != 1) {
            throw new AssertionError("expected one method " + method + " with " + arguments.length
                    + " parameters in " + type + ", found " + candidates);
        }
        Method target = candidates.get(0);
        target.setAccessible(true);
        try {
            return target.invoke(receiver, arguments);
        } catch (InvocationTargetException e) {
            throw sneak(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneak(Throwable error) throws E {
        throw (E) error;
    }

    /**
     * Returns what the transformer made of a class of the fixture packages (transforming its
     * nest if that was not done yet).
     *
     * @param internalName e.g. {@code io/ferrite/transformer/fixtures/Basics}
     * @return the result
     */
    public synchronized TransformResult result(String internalName) {
        bytes(internalName);
        return results.get(internalName);
    }

    /**
     * Returns the bytes this loader defines for a class: rewritten, generated or unchanged.
     *
     * @param internalName the class's internal name
     * @return the class file
     */
    public synchronized byte[] bytes(String internalName) {
        if (!classes.containsKey(internalName)) {
            // A generated class has no class file of its own: it comes with its top-level class's nest.
            boolean generated = getParent().getResource(internalName + ".class") == null && internalName.contains("$");
            transformNest(generated ? internalName.substring(0, internalName.indexOf('$')) : internalName);
        }
        byte[] bytes = classes.get(internalName);
        if (bytes == null) {
            throw new AssertionError("no class " + internalName);
        }
        return bytes;
    }

    /** Transforms a class's whole nest as one batch, which adds the generated members to the host. */
    private void transformNest(String internalName) {
        byte[] original = read(internalName);
        ClassNode header = new ClassNode();
        new ClassReader(original).accept(header, ClassReader.SKIP_CODE);
        String host = header.nestHostClass != null ? header.nestHostClass : internalName;
        ClassNode hostHeader = new ClassNode();
        new ClassReader(read(host)).accept(hostHeader, ClassReader.SKIP_CODE);
        List<String> nest = new ArrayList<>();
        nest.add(host);
        if (hostHeader.nestMembers != null) {
            nest.addAll(hostHeader.nestMembers);
        }
        TransformBatch batch = transformer.batch(ClassFiles.ofClassLoader(getParent()));
        for (String member : nest) {
            TransformResult result = batch.add(member, read(member));
            results.put(member, result);
            classes.put(member, result.classFile());
        }
        BatchResult written = batch.finish();
        if (written.hasErrors()) {
            throw new AssertionError("transforming the nest of " + host + " failed:\n" + written.diagnostics().stream()
                    .map(Object::toString).collect(Collectors.joining("\n")));
        }
        classes.putAll(written.classFilesToWrite());
    }

    private byte[] read(String internalName) {
        try (InputStream in = getParent().getResourceAsStream(internalName + ".class")) {
            if (in == null) {
                throw new AssertionError("no class file for " + internalName);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ASM's structural checks (debug info and frames included), then its data-flow verifier. */
    private void verify(String name, byte[] bytes) {
        // Structure only here: the data-flow check is CheckClassAdapter.verify's, just below,
        // with the stronger SimpleVerifier (checkDataFlow=true would repeat a weaker one).
        try {
            new ClassReader(bytes).accept(new CheckClassAdapter(new ClassNode(), false), 0);
        } catch (RuntimeException e) {
            throw new AssertionError("CheckClassAdapter rejects " + name + ": " + e, e);
        }
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), verifying, false, new PrintWriter(problems));
        if (!problems.toString().isEmpty()) {
            throw new AssertionError("CheckClassAdapter.verify rejects " + name + ":\n" + problems);
        }
    }

    /**
     * Tells whether a class file carries a NestHost attribute naming {@code host}.
     *
     * @param classFile a class file
     * @return its nest host, or null
     */
    public static String nestHostOf(byte[] classFile) {
        String[] host = new String[1];
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visitNestHost(String nestHost) {
                host[0] = nestHost;
            }
        }, ClassReader.SKIP_CODE);
        return host[0];
    }
}

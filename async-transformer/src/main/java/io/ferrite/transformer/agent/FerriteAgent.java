package io.ferrite.transformer.agent;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * The {@code -javaagent} entry point: transforms {@code @Async} methods and async lambdas while
 * classes load, for runs outside Maven (an IDE's run button, a test runner, a tool).
 *
 * <p>It registers an {@link AgentTransformer}, which leaves alone the JDK, Ferrite's own
 * classes and every class that mentions neither {@code @Async} nor {@code Await}; defines the
 * generated state machines in the class loader of their owner before the owner runs; and makes
 * a class with transformation errors fail to initialise with the diagnostic as the message
 * (printed to standard error as well, in the compiler's format {@code path:[line] message}).
 * Classes the Maven plugin already transformed are recognised and left as they are, so using
 * both is harmless.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * java -javaagent:ferrite-transformer-0.1.0-agent.jar -cp app.jar:ferrite-runtime-0.1.0.jar com.acme.Main
 * }</pre>
 * In an IDE, add {@code -javaagent:/path/to/ferrite-transformer-<version>-agent.jar} to the VM
 * options of the run configuration (or of the JUnit template).
 *
 * <h2>Thread safety</h2>
 * Classes may load on any thread at once; the transformer keeps no shared mutable state.
 */
public final class FerriteAgent {

    private FerriteAgent() {
    }

    /**
     * Called by the JVM before {@code main} when started with {@code -javaagent}.
     *
     * @param arguments the agent's options (none are defined yet)
     * @param instrumentation the JVM's instrumentation service
     */
    public static void premain(String arguments, Instrumentation instrumentation) {
        install(instrumentation);
    }

    /**
     * Called when the agent is attached to a running JVM: only classes loaded from then on are
     * transformed.
     *
     * @param arguments the agent's options (none are defined yet)
     * @param instrumentation the JVM's instrumentation service
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        install(instrumentation);
    }

    private static void install(Instrumentation instrumentation) {
        // State machines must be defined in their owner's loader while the owner is being
        // transformed: only ClassLoader.defineClass can, and java.lang must be open to us for it.
        Module javaBase = ClassLoader.class.getModule();
        instrumentation.redefineModule(javaBase, Set.of(), Map.of(),
                Map.of("java.lang", Set.of(FerriteAgent.class.getModule())), Set.of(), Map.of());
        instrumentation.addTransformer(new AgentTransformer(new ClassDefiner(), System.err), false);
    }
}

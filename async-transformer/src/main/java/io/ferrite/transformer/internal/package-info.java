/**
 * The transformer's engine, behind {@link io.ferrite.transformer.AsyncTransformer}: not an API.
 *
 * <p>Passes, in the order {@link io.ferrite.transformer.internal.ClassTransformer} runs them, the
 * one place that order is coded (data flows one way):
 * <ol>
 *   <li>scan: {@link io.ferrite.transformer.internal.AsyncMethodScanner} finds {@code @Async}
 *       methods and async lambdas and reports misplaced awaits;</li>
 *   <li>analyse: {@link io.ferrite.transformer.internal.AsyncMethodAnalyzer} computes the
 *       suspension points, the verifier's types at each (from the compiler's stack map frames,
 *       {@link io.ferrite.transformer.internal.FrameTypeAnalyzer}), liveness
 *       ({@link io.ferrite.transformer.internal.LivenessAnalyzer}) and the remaining checks;</li>
 *   <li>plan: {@link io.ferrite.transformer.internal.StateMachinePlanner} decides fields, states
 *       and accessors in an immutable {@link io.ferrite.transformer.internal.StateMachinePlan};</li>
 *   <li>emit: {@link io.ferrite.transformer.internal.StateMachineEmitter} (with
 *       {@link io.ferrite.transformer.internal.PollMethodEmitter}) writes each state machine and
 *       {@link io.ferrite.transformer.internal.OwnerClassEmitter} rewrites the owner.</li>
 * </ol>
 * {@link io.ferrite.transformer.internal.BatchTransformer} runs them on each class of a batch and
 * keeps the nest hosts' {@code NestMembers} complete, for the plugin and the agent alike.
 * Every runtime name generated code uses, or the transformer recognises, is listed in
 * {@link io.ferrite.transformer.internal.RuntimeAbi}; every message in
 * {@link io.ferrite.transformer.internal.Diagnostics}. The generated shape is described in
 * {@code docs/state-machine.md}.
 */
package io.ferrite.transformer.internal;

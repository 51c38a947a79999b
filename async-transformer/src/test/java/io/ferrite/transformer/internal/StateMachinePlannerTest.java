package io.ferrite.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.ferrite.transformer.ClassHierarchy;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

class StateMachinePlannerTest {

    private static final String PLANNED = "io/ferrite/transformer/fixtures/Planned";

    private static StateMachinePlan plan(String method) throws Exception {
        return plan(PLANNED, method);
    }

    /** The plan of one method, as the transformer's own pass order (scan, analyse, plan) makes it. */
    private static StateMachinePlan plan(String className, String method) throws Exception {
        ClassNode owner = new ClassNode();
        try (InputStream in = StateMachinePlannerTest.class.getClassLoader().getResourceAsStream(className + ".class")) {
            new ClassReader(in.readAllBytes()).accept(owner, ClassReader.EXPAND_FRAMES);
        }
        ClassTransformer.Planning planning = new ClassTransformer(
                ClassHierarchy.ofClassLoader(StateMachinePlannerTest.class.getClassLoader())).plan(owner);
        assertFalse(planning.hasErrors(), planning.diagnostics()::toString);
        return planning.plans().stream().filter(p -> p.analysis().target().method().name.equals(method)).findFirst()
                .orElseThrow();
    }

    @Test
    void plan_should_save_only_live_values_and_share_fields_between_states() throws Exception {
        assertEquals("""
                state machine io/ferrite/transformer/fixtures/Planned$add$Async for add(Lio/ferrite/Future;\
                Lio/ferrite/Future;)Lio/ferrite/Future; (ASYNC_METHOD)
                  nest host io/ferrite/transformer/fixtures/Planned
                  fields [I$0, L$0, L$1]
                  constructor (Lio/ferrite/Future;Lio/ferrite/Future;)V
                  state 0 start: stack [] locals [0 a:Future -> L$0, 1 b:Future -> L$1]
                  state 1 line 20 await(Future): stack [] locals [1 b:Future -> L$0]
                  state 2 line 21 await(Future): stack [] locals [2 x:int -> I$0]
                """, plan("add").toString());
    }

    @Test
    void plan_should_make_each_emit_of_a_generator_a_state_saving_the_live_values() throws Exception {
        String plan = plan("io/ferrite/transformer/fixtures/Generators", "countdown").toString();
        assertEquals("""
                state machine io/ferrite/transformer/fixtures/Generators$countdown$Async for countdown(I\
                Ljava/util/function/Supplier;)Lio/ferrite/stream/AsyncStream; (ASYNC_METHOD, generator)
                  nest host io/ferrite/transformer/fixtures/Generators
                  fields [I$0, L$0]
                  constructor (ILjava/util/function/Supplier;)V
                  state 0 start: stack [] locals [0 from:int -> I$0, 1 tick:Supplier -> L$0]
                  state 1 line 34 emit: stack [] locals [1 tick:Supplier -> L$0, 2 i:int -> I$0]
                  state 2 line 35 await(Future): stack [] locals [1 tick:Supplier -> L$0, 2 i:int -> I$0]
                """, plan);
    }

    @Test
    void plan_should_save_stack_beneath_the_awaited_stage_but_not_the_dead_receiver() throws Exception {
        assertEquals("""
                state machine io/ferrite/transformer/fixtures/Planned$stack$Async for stack(J\
                Ljava/util/concurrent/CompletionStage;)Lio/ferrite/Future; (ASYNC_METHOD)
                  nest host io/ferrite/transformer/fixtures/Planned
                  fields [J$0, L$0, L$1]
                  constructor (Lio/ferrite/transformer/fixtures/Planned;JLjava/util/concurrent/CompletionStage;)V
                  state 0 start: stack [] locals [0 this:Planned -> L$0, 1 base:long -> J$0, 3 d:CompletionStage -> L$1]
                  state 1 line 28 await(CompletionStage): stack [Planned -> L$0, long -> J$0, String -> L$1] locals []
                """, plan("stack").toString());
    }

    @Test
    void plan_should_keep_the_loop_state_and_not_the_sum_that_is_on_the_stack() throws Exception {
        assertEquals("""
                state machine io/ferrite/transformer/fixtures/Planned$loop$Async for loop(Ljava/util/List;)\
                Lio/ferrite/Future; (ASYNC_METHOD)
                  nest host io/ferrite/transformer/fixtures/Planned
                  fields [I$0, I$1, L$0]
                  constructor (Ljava/util/List;)V
                  state 0 start: stack [] locals [0 futures:List -> L$0]
                  state 1 line 41 await(Future): stack [int -> I$0] locals [0 futures:List -> L$0, 2 i:int -> I$1]
                """, plan("loop").toString());
    }

    @Test
    void plan_should_add_accessor_for_super_call_and_no_field_for_null() throws Exception {
        assertEquals("""
                state machine io/ferrite/transformer/fixtures/Planned$accessor$Async for accessor(\
                Lio/ferrite/Future;)Lio/ferrite/Future; (ASYNC_METHOD)
                  nest host io/ferrite/transformer/fixtures/Planned
                  fields [L$0, L$1]
                  constructor (Lio/ferrite/transformer/fixtures/Planned;Lio/ferrite/Future;)V
                  state 0 start: stack [] locals [0 this:Planned -> L$0, 1 f:Future -> L$1]
                  state 1 line 53 await(Future): stack [] locals [0 this:Planned -> L$0, 2 none:null -> null constant]
                  accessor ferrite$super$toString(Lio/ferrite/transformer/fixtures/Planned;)Ljava/lang/String; \
                -> invokespecial java/lang/Object.toString()Ljava/lang/String;
                """, plan("accessor").toString());
    }

    @Test
    void plan_should_save_a_local_that_only_an_exception_handler_reads() throws Exception {
        assertEquals("""
                state machine io/ferrite/transformer/fixtures/Planned$handler$Async for handler(\
                Lio/ferrite/Future;)Lio/ferrite/Future; (ASYNC_METHOD)
                  nest host io/ferrite/transformer/fixtures/Planned
                  fields [L$0]
                  constructor (Lio/ferrite/Future;)V
                  state 0 start: stack [] locals [0 f:Future -> L$0]
                  state 1 line 62 await(Future): stack [] locals [1 tag:String -> L$0]
                """, plan("handler").toString());
    }

    @Test
    void plan_should_add_accessors_for_protected_members_inherited_from_another_package() throws Exception {
        String plan = plan("io/ferrite/transformer/fixtures/Protected", "useAll").toString();
        String accessors = plan.substring(plan.indexOf("  accessor "));
        assertEquals("""
                  accessor ferrite$access$helper(I)Ljava/lang/String; -> invokestatic \
                io/ferrite/transformer/fixtures/Protected.helper(I)Ljava/lang/String;
                  accessor ferrite$access$hook(Lio/ferrite/transformer/fixtures/Protected;Ljava/lang/String;)\
                Ljava/lang/String; -> invokevirtual io/ferrite/transformer/fixtures/Protected.hook(Ljava/lang/String;)\
                Ljava/lang/String;
                  accessor ferrite$get$banner()Ljava/lang/String; -> getstatic \
                io/ferrite/transformer/fixtures/Protected.banner:Ljava/lang/String;
                  accessor ferrite$get$counter(Lio/ferrite/transformer/fixtures/Protected;)I -> getfield \
                io/ferrite/transformer/fixtures/Protected.counter:I
                  accessor ferrite$set$banner(Ljava/lang/String;)V -> putstatic \
                io/ferrite/transformer/fixtures/Protected.banner:Ljava/lang/String;
                  accessor ferrite$set$counter(Lio/ferrite/transformer/fixtures/Protected;I)V -> putfield \
                io/ferrite/transformer/fixtures/Protected.counter:I
                """, accessors);
    }
}

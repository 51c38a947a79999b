package app;

import static io.ferrite.Await.await;
import static io.ferrite.runtime.BlockOn.blockOn;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import shapes.Circle;
import shapes.Shape;
import shapes.Square;

public class Picker {

    /** The merged type of the two branches is live across the await, in a local. */
    @Async
    static Future<String> pick(boolean round, Future<String> suffix) {
        Shape shape = round ? new Circle() : new Square();
        String s = await(suffix);
        return Future.ready(shape.name() + s);
    }

    /** ... and on the operand stack, under the await's result. */
    @Async
    static Future<String> label(boolean round, Future<String> suffix) {
        return Future.ready(describe(round ? new Circle() : new Square(), await(suffix)));
    }

    private static String describe(Shape shape, String suffix) {
        return shape.name() + suffix;
    }

    public static void main(String[] args) {
        System.out.println(blockOn(pick(true, Future.ready(" picked"))) + ", "
                + blockOn(label(false, Future.ready(" labelled"))) + ", "
                + blockOn(new Tally().bump(Future.ready(5))));
    }
}

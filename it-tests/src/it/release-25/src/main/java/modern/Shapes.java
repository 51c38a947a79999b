package modern;

import static io.ferrite.Await.await;
import static io.ferrite.runtime.BlockOn.blockOn;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import java.util.concurrent.CompletableFuture;

public class Shapes {

    sealed interface Shape permits Circle, Rect {
    }

    record Circle(double r) implements Shape {
    }

    record Rect(double w, double h) implements Shape {
    }

    record Pair(Shape first, Shape second) {
    }

    /** Awaits inside the arms of a pattern switch, with pattern bindings live across them. */
    @Async
    static Future<String> describe(Shape shape, Future<String> unit) {
        String text = switch (shape) {
            case Circle c when c.r() > 10 -> "big circle " + await(unit);
            case Circle(double r) -> "circle r=" + r + " " + await(unit);
            case Rect(double w, _) when w == 0 -> "flat rect " + await(unit);
            case Rect(double w, double h) -> "rect " + (w * h) + " " + await(unit);
        };
        return Future.ready(text);
    }

    /** A nested record pattern whose bindings survive a suspension. */
    @Async
    static Future<String> pair(Object o, CompletableFuture<Integer> scale) {
        if (o instanceof Pair(Circle(var r), Rect(var w, var h))) {
            int s = await(scale);
            return Future.ready("pair " + (r + w + h) * s);
        }
        return Future.ready("not a pair");
    }

    public static void main(String[] args) {
        System.out.println(blockOn(describe(new Circle(20), Future.ready("m"))));
        System.out.println(blockOn(describe(new Circle(2), Future.ready("m"))));
        System.out.println(blockOn(describe(new Rect(0, 3), Future.ready("m2"))));
        System.out.println(blockOn(describe(new Rect(2, 3), Future.ready("m2"))));
        CompletableFuture<Integer> scale = new CompletableFuture<>();
        new Thread(() -> scale.complete(10)).start();
        System.out.println(blockOn(pair(new Pair(new Circle(1), new Rect(2, 3)), scale)));
    }
}

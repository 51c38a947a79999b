package inc;

import static io.ferrite.runtime.BlockOn.blockOn;

import io.ferrite.Future;

public class Main {
    public static void main(String[] args) {
        System.out.println(blockOn(Greeter.greet(Future.ready("again"))) + ", scaled " + blockOn(Counter.scale(Future.ready(7))));
    }
}

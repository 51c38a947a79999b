package basic;

import static io.ferrite.runtime.BlockOn.blockOn;

import io.ferrite.Future;
import java.util.List;
import java.util.concurrent.CompletableFuture;

public class Main {
    public static void main(String[] args) {
        CompletableFuture<Integer> tax = new CompletableFuture<>();
        new Thread(() -> tax.complete(8)).start();
        System.out.println("price = " + blockOn(Orders.price(Future.ready(34), tax)));
        System.out.println("total = " + blockOn(Orders.total(List.of(Future.ready(1), Future.ready(2), Future.ready(3)))));
        System.out.println(blockOn(Orders.describe(CompletableFuture.failedFuture(new IllegalStateException("no label")))));
    }
}

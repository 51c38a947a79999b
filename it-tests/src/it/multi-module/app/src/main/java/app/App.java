package app;

import static io.ferrite.Await.await;
import static io.ferrite.runtime.BlockOn.blockOn;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import lib.Inventory;

public class App {

    @Async
    static Future<String> report(String... items) {
        StringBuilder out = new StringBuilder();
        for (String item : items) {
            out.append(item).append('=').append(await(Inventory.stock(Future.ready(item)))).append(' ');
        }
        return Future.ready(out.toString().trim());
    }

    public static void main(String[] args) {
        System.out.println("stock: " + blockOn(report("apples", "kiwis")));
    }
}

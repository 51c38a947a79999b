package modular;

import io.ferrite.Future;
import io.ferrite.runtime.AsyncRuntime;
import java.util.concurrent.CompletableFuture;

public class Main {
    public static void main(String[] args) throws Exception {
        System.out.println("module = " + Main.class.getModule().getName()
                + ", runtime module = " + AsyncRuntime.class.getModule().getName());
        CompletableFuture<Integer> tax = new CompletableFuture<>();
        new Thread(() -> tax.complete(8)).start();
        try (AsyncRuntime rt = AsyncRuntime.multiThread().build()) {
            System.out.println("price = " + rt.blockOn(Orders.price(Future.ready(34), tax)));
        }
        Module runtime = AsyncRuntime.class.getModule();
        System.out.println("exports scheduler = " + runtime.isExported("io.ferrite.runtime.scheduler")
                + ", exports internal = " + runtime.isExported("io.ferrite.internal"));
        Class<?> scheduler = Class.forName("io.ferrite.runtime.scheduler.Scheduler");
        try {
            scheduler.getMethod("current").invoke(null);
            System.out.println("scheduler reachable: the module boundary leaks");
        } catch (IllegalAccessException expected) {
            System.out.println("scheduler sealed: " + expected.getMessage());
        }
    }
}

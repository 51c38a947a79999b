package agent;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import java.util.concurrent.CompletionStage;

public class Account {

    private int balance;

    public Account(int balance) {
        this.balance = balance;
    }

    @Async
    public Future<Integer> deposit(CompletionStage<Integer> amount) {
        balance += await(amount);
        return Future.ready(balance);
    }

    /** Its state machine reads the private field of the enclosing class: it must join the nest. */
    public static class Auditor {
        @Async
        public static Future<String> audit(Account account, Future<String> who) {
            String name = await(who);
            return Future.ready(name + " sees " + account.balance);
        }
    }
}

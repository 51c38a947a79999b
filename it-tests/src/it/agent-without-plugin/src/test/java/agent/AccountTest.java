package agent;

import static io.ferrite.runtime.BlockOn.blockOn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AccountTest {

    @Test
    void deposit_should_add_when_the_amount_arrives_from_another_thread() {
        Account account = new Account(10);
        CompletableFuture<Integer> amount = new CompletableFuture<>();
        new Thread(() -> amount.complete(32)).start();

        assertEquals(42, blockOn(account.deposit(amount)));
    }

    @Test
    void audit_should_read_the_private_balance_when_the_nested_class_loads_first() {
        assertEquals("auditor sees 7", blockOn(Account.Auditor.audit(new Account(7), Future.ready("auditor"))));
    }
}

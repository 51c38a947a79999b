package warn;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.BlockOn;

public class Reports {
    @Async
    static Future<String> render(Future<String> data) throws InterruptedException {
        String body = await(data);
        Thread.sleep(0);
        return Future.ready("report: " + body);
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println(BlockOn.blockOn(render(Future.ready("ok"))));
    }
}

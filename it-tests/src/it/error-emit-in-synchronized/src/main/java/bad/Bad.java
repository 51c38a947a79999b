package bad;

import static io.ferrite.Await.emit;

import io.ferrite.annotations.Async;
import io.ferrite.stream.AsyncStream;
import java.util.ArrayList;
import java.util.List;

public class Bad {
    private final List<String> items = new ArrayList<>();

    @Async
    AsyncStream<String> snapshot() {
        synchronized (items) {
            for (String item : items) {
                emit(item);
            }
        }
        return AsyncStream.empty();
    }
}

package bad;

import static io.ferrite.Await.emit;

import io.ferrite.annotations.Async;
import io.ferrite.stream.AsyncStream;

public class Bad {
    @Async
    AsyncStream<String> words(boolean none) {
        if (none) {
            return null;
        }
        emit("word");
        return AsyncStream.empty();
    }
}

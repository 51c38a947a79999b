package bad;

import static io.ferrite.Await.emit;

import io.ferrite.annotations.Async;
import io.ferrite.stream.AsyncStream;

public class Bad {
    @Async
    AsyncStream<Integer> numbers() {
        emit(1);
        emit("two");
        return AsyncStream.empty();
    }
}

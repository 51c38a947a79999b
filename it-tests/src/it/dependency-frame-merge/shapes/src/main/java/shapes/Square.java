package shapes;

public class Square extends Shape {
    @Override
    public String name() {
        return "square";
    }
}

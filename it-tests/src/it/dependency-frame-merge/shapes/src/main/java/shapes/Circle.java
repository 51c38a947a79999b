package shapes;

public class Circle extends Shape {
    @Override
    public String name() {
        return "circle";
    }
}

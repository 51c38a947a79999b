package io.ferrite.transformer.differential;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;

/**
 * Serves classes compiled in memory: their original class files as resources (which the
 * transforming class loader reads), and the classes of one package defined from other bytes
 * (the reference build, whose awaits are rebound to {@link Ref}).
 */
final class MemoryClassLoader extends ClassLoader {

    private final Map<String, byte[]> resources;
    private final Map<String, byte[]> defined;

    /**
     * Creates the loader.
     *
     * @param parent    loads everything else
     * @param resources class files served as resources, by internal name
     * @param defined   class files this loader defines, by internal name
     */
    MemoryClassLoader(ClassLoader parent, Map<String, byte[]> resources, Map<String, byte[]> defined) {
        super(parent);
        this.resources = resources;
        this.defined = defined;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = defined.get(name.replace('.', '/'));
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        if (name.endsWith(".class")) {
            byte[] bytes = resources.get(name.substring(0, name.length() - ".class".length()));
            if (bytes != null) {
                return new ByteArrayInputStream(bytes);
            }
        }
        return super.getResourceAsStream(name);
    }
}

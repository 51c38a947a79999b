package io.ferrite.transformer;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/** A hierarchy that reads each class header once and remembers it, missing classes included. */
abstract class CachingHierarchy implements ClassHierarchy {

    private final ConcurrentMap<String, Optional<ClassInfo>> cache = new ConcurrentHashMap<>();

    /**
     * Returns the bytes of a class file, or null if there is none.
     *
     * @param internalName the class's internal name
     * @return the class file, or null
     */
    protected abstract byte[] read(String internalName);

    @Override
    public ClassInfo find(String internalName) {
        return cache.computeIfAbsent(internalName, name -> Optional.ofNullable(parse(read(name)))).orElse(null);
    }

    private static ClassInfo parse(byte[] classFile) {
        if (classFile == null) {
            return null;
        }
        ClassReader reader = new ClassReader(classFile);
        return new ClassInfo(reader.getClassName(), reader.getSuperName(), List.of(reader.getInterfaces()),
                (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0);
    }
}

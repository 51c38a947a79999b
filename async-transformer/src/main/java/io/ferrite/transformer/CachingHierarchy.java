package io.ferrite.transformer;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A hierarchy that reads each class's header and protected members once and remembers them,
 * missing classes included.
 */
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
        Set<String> protectedMembers = new HashSet<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                if ((access & Opcodes.ACC_PROTECTED) != 0) {
                    protectedMembers.add(ClassInfo.fieldKey(name, descriptor));
                }
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if ((access & Opcodes.ACC_PROTECTED) != 0) {
                    protectedMembers.add(ClassInfo.methodKey(name, descriptor));
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new ClassInfo(reader.getClassName(), reader.getSuperName(), List.of(reader.getInterfaces()),
                (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0, protectedMembers);
    }
}

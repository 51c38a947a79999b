package io.ferrite.transformer.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads what a class file says about itself without ASM, which refuses class files newer than it
 * knows (JVMS 4.1, 4.4): its version, its name, and whether its constant pool mentions a name.
 */
public final class ClassFileHeader {

    private ClassFileHeader() {
    }

    /**
     * Returns the major version.
     *
     * @param classFile a class file
     * @return e.g. 61 for Java 17
     * @throws IllegalArgumentException if the bytes are not a class file
     */
    public static int majorVersion(byte[] classFile) {
        if (classFile.length < 10 || readInt(classFile, 0) != 0xCAFEBABE) {
            throw new IllegalArgumentException("not a class file (no 0xCAFEBABE header)");
        }
        return readShort(classFile, 6);
    }

    /**
     * Returns the internal name of the class (its {@code this_class} entry).
     *
     * @param classFile a class file
     * @return e.g. {@code com/acme/Orders}
     * @throws IllegalArgumentException if the bytes are not a class file
     */
    public static String className(byte[] classFile) {
        majorVersion(classFile);
        int count = readShort(classFile, 8);
        int[] offsets = new int[count];
        int offset = 10;
        for (int i = 1; i < count; i++) {
            offsets[i] = offset;
            int tag = classFile[offset] & 0xFF;
            switch (tag) {
                case 1:  // Utf8
                    offset += 3 + readShort(classFile, offset + 1);
                    break;
                case 5:  // Long
                case 6:  // Double
                    offset += 9;
                    i++;
                    break;
                case 7: case 8: case 16: case 19: case 20:  // Class, String, MethodType, Module, Package
                    offset += 3;
                    break;
                case 15:  // MethodHandle
                    offset += 4;
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    offset += 5;
                    break;
                default:
                    throw new IllegalArgumentException("unknown constant pool tag " + tag + " at offset " + offset);
            }
        }
        int thisClass = readShort(classFile, offset + 2);
        int nameIndex = readShort(classFile, offsets[thisClass] + 1);
        int utf8 = offsets[nameIndex];
        try {
            return new DataInputStream(new ByteArrayInputStream(classFile, utf8 + 1, classFile.length - utf8 - 1))
                    .readUTF();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tells whether a class file contains a name, as the modified UTF-8 of a constant pool entry
     * (JVMS 4.4.7) holds it: a byte search, so a class may match without using the name (a string
     * constant that contains it), but a class that uses it always matches. It is the cheap test
     * that lets every other class go by unparsed.
     *
     * @param classFile a class file
     * @param name      the name's bytes, e.g. of {@code "Lio/ferrite/annotations/Async;"} (ASCII, so
     *                  its UTF-8 and modified UTF-8 agree)
     * @return false if the class file certainly does not mention it
     */
    public static boolean mentions(byte[] classFile, byte[] name) {
        outer:
        for (int i = 0; i <= classFile.length - name.length; i++) {
            for (int j = 0; j < name.length; j++) {
                if (classFile[i + j] != name[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static int readShort(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }

    private static int readInt(byte[] bytes, int offset) {
        return (readShort(bytes, offset) << 16) | readShort(bytes, offset + 2);
    }
}

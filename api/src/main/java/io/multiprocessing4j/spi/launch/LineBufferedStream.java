package io.multiprocessing4j.spi.launch;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * A child's standard stream, line-buffered: each line reaches the pipe in one write. The JDK's
 * {@code System.out} writes every piece of a {@code printf} separately, so two children's lines
 * would interleave mid-line in the parent's output; Python writes a printed line at once.
 */
final class LineBufferedStream extends BufferedOutputStream {
    private LineBufferedStream(OutputStream out) {
        super(out, 8192);
    }

    /**
     * @param fd {@link FileDescriptor#out} or {@link FileDescriptor#err}
     * @param charset the encoding of the stream it replaces
     * @return a print stream that flushes at each newline (and when {@code flush()} is called)
     */
    static PrintStream open(FileDescriptor fd, Charset charset) {
        return new PrintStream(new LineBufferedStream(new FileOutputStream(fd)), false, charset);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        super.write(b);
        if (b == '\n') {
            flush();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        super.write(b, off, len);
        for (int i = off + len - 1; i >= off; i--) {
            if (b[i] == '\n') {
                flush();
                return;
            }
        }
    }
}

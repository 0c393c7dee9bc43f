package dev.tlsrpt.testing;

import dev.tlsrpt.tlsrpt.TxtAnswer;
import dev.tlsrpt.tlsrpt.TxtResolver;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A DNS server on 127.0.0.1 (UDP) answering TXT questions from a {@link TxtResolver} (the sample zone):
 * the worker's own dnsjava resolver, pointed here by {@code -Ddns.server}, asks it as it would ask the
 * VPC resolver on AWS (the runtime test, and scripts/bench-cold-start).
 */
public final class LoopbackDns implements AutoCloseable {
    private final DatagramSocket socket;
    private final TxtResolver zone;
    private final Thread thread;

    public LoopbackDns(TxtResolver zone) throws SocketException {
        this.zone = zone;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.thread = new Thread(this::serve, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    /** host:port, as dnsjava's dns.server property takes it. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] answer = answer(new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength())));
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private byte[] answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        if (question.getType() != Type.TXT) {
            response.getHeader().setRcode(Rcode.NOERROR);
            return response.toWire();
        }
        switch (zone.lookupTxt(question.getName().toString(true))) {
            case TxtAnswer.Records records -> records.records().forEach(strings ->
                    response.addRecord(new TXTRecord(question.getName(), DClass.IN, 300, strings), Section.ANSWER));
            case TxtAnswer.NameNotFound notFound -> response.getHeader().setRcode(Rcode.NXDOMAIN);
            case TxtAnswer.NoData noData -> response.getHeader().setRcode(Rcode.NOERROR);
            case TxtAnswer.Failure failure -> response.getHeader().setRcode(Rcode.SERVFAIL);
        }
        return response.toWire();
    }

    @Override
    public void close() {
        socket.close();
    }
}

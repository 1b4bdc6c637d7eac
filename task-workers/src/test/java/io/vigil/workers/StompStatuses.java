package io.vigil.workers;

import io.vigil.contracts.ops.TaskStatus;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.ReactorNettyTcpStompClient;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;

/**
 * A plain STOMP client over TCP to RabbitMQ's STOMP plugin, subscribed to /topic/{routingKey}: what
 * an admin dashboard behind the gateway's relay receives on /topic/ops.tasks.
 */
final class StompStatuses implements AutoCloseable {

    final List<TaskStatus> received = new CopyOnWriteArrayList<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final ReactorNettyTcpStompClient client = new ReactorNettyTcpStompClient("127.0.0.1", 61613);
    private final org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler scheduler =
            new org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler();
    private final StompSession session;

    StompStatuses(String routingKey) throws Exception {
        client.setMessageConverter(new JacksonJsonMessageConverter());
        scheduler.initialize();
        client.setTaskScheduler(scheduler); // receipts and heart-beats need one
        StompHeaders connect = new StompHeaders();
        connect.setLogin("vigil-admin");
        connect.setPasscode("vigil-admin-dev");
        connect.setHost("vigil");
        session = client.connectAsync(connect, new StompSessionHandlerAdapter() {})
                .get(20, TimeUnit.SECONDS);
        StompHeaders subscribe = new StompHeaders();
        subscribe.setDestination("/topic/" + routingKey);
        subscribe.setReceipt("subscribed");
        var receipt = session.subscribe(subscribe, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return TaskStatus.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                contentTypes.add(String.valueOf(headers.getContentType()));
                received.add((TaskStatus) payload);
            }
        });
        session.setAutoReceipt(false);
        // the subscription exists once RabbitMQ has answered the RECEIPT
        var latch = new java.util.concurrent.CountDownLatch(1);
        receipt.addReceiptTask(latch::countDown);
        if (!latch.await(20, TimeUnit.SECONDS)) throw new IllegalStateException("no RECEIPT for the STOMP SUBSCRIBE");
    }

    List<TaskStatus.State> statesOf(String taskId) {
        return received.stream()
                .filter(s -> taskId.equals(s.taskId()))
                .map(TaskStatus::state)
                .toList();
    }

    @Override
    public void close() {
        session.disconnect();
        client.shutdown();
        scheduler.shutdown();
    }
}

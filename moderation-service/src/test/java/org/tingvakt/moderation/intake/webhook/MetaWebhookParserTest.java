package org.tingvakt.moderation.intake.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.CommentReceived.ItemKind;
import org.tingvakt.contracts.Platform;

class MetaWebhookParserTest {
    private final ObjectMapper json = new ObjectMapper();
    private final MetaWebhookParser parser = new MetaWebhookParser();

    private MetaWebhookParser.Parsed parse(String body) throws Exception {
        return parser.parse(json.readTree(body));
    }

    @Test
    void instagramCommentsRepliesAndMentions() throws Exception {
        var p = parse("{\"object\":\"instagram\",\"entry\":[{\"id\":\"17841\",\"changes\":["
                + "{\"field\":\"comments\",\"value\":{\"from\":{\"id\":\"9\",\"username\":\"ada\"},\"media\":{\"id\":\"m1\"},"
                + "\"id\":\"c1\",\"parent_id\":\"c0\",\"text\":\"hej\"}},"
                + "{\"field\":\"comments\",\"value\":{\"from\":{\"id\":\"17841\",\"username\":\"kommune\"},"
                + "\"media\":{\"id\":\"m1\"},\"id\":\"c2\",\"text\":\"svar\"}},"
                + "{\"field\":\"mentions\",\"value\":{\"media_id\":\"m2\",\"comment_id\":\"c3\"}}]}]}");
        assertThat(p.skipped()).isZero();
        assertThat(p.items())
                .extracting(PlatformItem::kind)
                .containsExactly(ItemKind.COMMENT, ItemKind.PAGE_REPLY, ItemKind.MENTION);
        PlatformItem c = p.items().get(0);
        assertThat(c.platform()).isEqualTo(Platform.INSTAGRAM);
        assertThat(c.postId()).isEqualTo("m1");
        assertThat(c.parentId()).isEqualTo("c0");
        assertThat(c.senderProfileUrl()).isEqualTo("https://www.instagram.com/ada");
        assertThat(p.items().get(2).text()).isEmpty();
    }

    @Test
    void messengerMessagesWithoutEchoesReadsOrOwnMessages() throws Exception {
        var p = parse("{\"object\":\"page\",\"entry\":[{\"id\":\"P\",\"messaging\":["
                + "{\"sender\":{\"id\":\"S\"},\"recipient\":{\"id\":\"P\"},\"timestamp\":1795400000123,"
                + "\"message\":{\"mid\":\"m1\",\"text\":\"hej\",\"attachments\":[{\"type\":\"image\","
                + "\"payload\":{\"url\":\"https://cdn.example/x.jpg\"}}]}},"
                + "{\"sender\":{\"id\":\"P\"},\"recipient\":{\"id\":\"S\"},\"message\":{\"mid\":\"m2\",\"text\":\"x\"}},"
                + "{\"sender\":{\"id\":\"S\"},\"message\":{\"mid\":\"m3\",\"text\":\"x\",\"is_echo\":true}},"
                + "{\"sender\":{\"id\":\"S\"},\"delivery\":{\"watermark\":1}}]}]}");
        assertThat(p.items()).hasSize(1);
        assertThat(p.skipped()).isEqualTo(3);
        PlatformItem m = p.items().get(0);
        assertThat(m.kind()).isEqualTo(ItemKind.DIRECT_MESSAGE);
        assertThat(m.postId()).isEqualTo("dm-S");
        assertThat(m.attachments()).containsExactly("https://cdn.example/x.jpg");
        assertThat(m.createdAt().toEpochMilli()).isEqualTo(1795400000123L);
    }

    @Test
    void facebookVerbsAndTheLongTextCut() throws Exception {
        String longText = "x".repeat(MetaWebhookParser.MAX_TEXT + 10);
        var p = parse("{\"object\":\"page\",\"entry\":[{\"id\":\"P\",\"changes\":["
                + change("add", "P_1_1", "9", longText) + "," + change("edited", "P_1_1", "9", "y") + ","
                + change("remove", "P_1_1", "9", "") + "," + change("hide", "P_1_1", "9", "") + ","
                + "{\"field\":\"feed\",\"value\":{\"item\":\"reaction\",\"verb\":\"add\"}}]}]}");
        assertThat(p.items())
                .extracting(PlatformItem::verb)
                .containsExactly(PlatformItem.Verb.ADD, PlatformItem.Verb.EDIT, PlatformItem.Verb.REMOVE);
        assertThat(p.skipped()).isEqualTo(2);
        assertThat(p.items().get(0).text()).hasSize(MetaWebhookParser.MAX_TEXT);
        assertThat(p.items().get(0).parentId()).isNull();
    }

    @Test
    void thePagesOwnPostsAreThreadRootsAndVisitorsPostsAreSkipped() throws Exception {
        var p = parse("{\"object\":\"page\",\"entry\":[{\"id\":\"P\",\"changes\":["
                + post("status", "add", "P_7", "P", "Åbent hus lørdag") + ","
                + post("photo", "edited", "P_8", "P", "Nyt billede") + ","
                + post("post", "add", "P_9", "42", "En borgers opslag") + ","
                + post("status", "remove", "P_7", "P", "") + "]}]}");
        assertThat(p.items()).isEmpty();
        assertThat(p.posts()).extracting(PostItem::postId).containsExactly("P_7", "P_8");
        PostItem first = p.posts().get(0);
        assertThat(first.platform()).isEqualTo(Platform.FACEBOOK);
        assertThat(first.accountExternalId()).isEqualTo("P");
        assertThat(first.text()).isEqualTo("Åbent hus lørdag");
        assertThat(first.permalink()).isEqualTo("https://www.facebook.com/P_7");
        assertThat(first.createdAt().getEpochSecond()).isEqualTo(1795400000L);
        assertThat(p.skipped()).isEqualTo(2);
    }

    private static String post(String item, String verb, String postId, String from, String message) {
        return "{\"field\":\"feed\",\"value\":{\"item\":\"" + item + "\",\"verb\":\"" + verb + "\",\"post_id\":\""
                + postId + "\",\"from\":{\"id\":\"" + from + "\",\"name\":\"x\"},\"message\":\"" + message
                + "\",\"created_time\":1795400000}}";
    }

    @Test
    void unknownObjectsAndShapesAreRefused() {
        assertThatThrownBy(() -> parse("{\"object\":\"user\",\"entry\":[]}")).hasMessageContaining("unsupported");
        assertThatThrownBy(() -> parse("{\"object\":\"page\",\"entry\":{}}")).hasMessageContaining("array");
        assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("JSON object");
    }

    private static String change(String verb, String commentId, String sender, String message) {
        return "{\"field\":\"feed\",\"value\":{\"item\":\"comment\",\"verb\":\"" + verb + "\",\"comment_id\":\""
                + commentId + "\",\"post_id\":\"P_1\",\"parent_id\":\"P_1\",\"from\":{\"id\":\"" + sender
                + "\",\"name\":\"N\"},\"message\":\"" + message + "\",\"created_time\":1795400000}}";
    }
}

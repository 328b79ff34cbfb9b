package dev.arbor.langchain4j;

import dev.arbor.sdk.trace.Message;
import dev.arbor.sdk.trace.ToolCall;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;

/** LangChain4j's chat messages as the SDK's OpenInference messages. */
final class Messages {
  private Messages() {}

  static List<Message> of(List<ChatMessage> messages) {
    List<Message> out = new ArrayList<>();
    if (messages == null) {
      return out;
    }
    for (ChatMessage m : messages) {
      Message converted = of(m);
      if (converted != null) {
        out.add(converted);
      }
    }
    return out;
  }

  static Message of(ChatMessage m) {
    if (m instanceof SystemMessage system) {
      return Message.system(system.text());
    }
    if (m instanceof UserMessage user) {
      return user(user);
    }
    if (m instanceof AiMessage ai) {
      return of(ai);
    }
    if (m instanceof ToolExecutionResultMessage result) {
      Message tool = Message.tool(result.id(), result.text());
      return result.toolName() == null ? tool : tool.withName(result.toolName());
    }
    return m == null ? null : Message.of(m.type().name().toLowerCase(java.util.Locale.ROOT), m.toString());
  }

  static Message of(AiMessage ai) {
    Message message = Message.assistant(ai.text());
    if (ai.hasToolExecutionRequests()) {
      List<ToolCall> calls = new ArrayList<>();
      for (ToolExecutionRequest r : ai.toolExecutionRequests()) {
        calls.add(ToolCall.of(r.id(), r.name(), r.arguments()));
      }
      message = message.withToolCalls(calls);
    }
    return message;
  }

  private static Message user(UserMessage user) {
    StringBuilder text = new StringBuilder();
    List<String> images = new ArrayList<>();
    for (Content c : user.contents()) {
      if (c instanceof TextContent t) {
        if (text.length() > 0) text.append('\n');
        text.append(t.text());
      } else if (c instanceof ImageContent i) {
        String url = imageUrl(i.image());
        if (url != null) images.add(url);
      }
    }
    Message message = Message.user(text.length() == 0 ? null : text.toString()).withImageUrls(images);
    return user.name() == null ? message : message.withName(user.name());
  }

  private static String imageUrl(Image image) {
    if (image == null) {
      return null;
    }
    if (image.url() != null) {
      return image.url().toString();
    }
    if (image.base64Data() != null) {
      return "data:" + (image.mimeType() == null ? "image/*" : image.mimeType()) + ";base64," + image.base64Data();
    }
    return null;
  }
}

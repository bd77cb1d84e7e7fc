import { describe, expect, it } from 'vitest';
import { HuggingFaceAPIChatGenerator, OpenAIChatGenerator, Secret, Tool } from '../../src/index.js';
import { ChatController, threadUsage } from '../../src/react/index.js';
import { loadChunks } from '../support/replay-server.js';
import { weatherTool } from '../support/tools.js';
import { useReplayServer } from '../support/use-replay-server.js';

const server = await useReplayServer();
const generator = () => new OpenAIChatGenerator({ apiKey: Secret.fromToken('sk-tools-test'), apiBaseUrl: `${server.url}/v1`, maxRetries: 0 });

const weather = weatherTool();

describe('ChatController tool calls', () => {
  it('should approve and reject parallel calls one by one, and continue once all are decided', async () => {
    server.enqueue({ sse: loadChunks('openai/parallel-tool-calls') }, { sse: loadChunks('openai/text') });
    const chat = new ChatController({ generator: generator(), tools: [weather], requireToolApproval: true });
    await chat.send('Weather in Paris and Berlin?');
    const [first, second] = chat.store.getState().pendingToolCalls;
    expect(first?.id).toBeTruthy();
    expect(second?.id).toBeTruthy();
    await chat.approveToolCall(first!.id!);
    // One decision of two: still waiting, nothing sent.
    expect(chat.store.getState().status).toBe('awaiting-approval');
    expect(server.requests).toHaveLength(1);
    await chat.rejectToolCall(second!.id!);
    const results = chat.messages.filter((message) => message.role === 'tool').map((message) => message.toolCallResult);
    expect(results).toEqual([
      expect.objectContaining({ error: false, result: expect.stringMatching(/^Sunny in /) }),
      expect.objectContaining({ error: true, result: 'The user rejected this tool call.' }),
    ]);
    expect(server.requests).toHaveLength(2);
    expect(chat.store.getState().status).toBe('ready');
    await expect(chat.approveToolCall()).rejects.toThrow(/No tool call is waiting for approval/);
  });

  it('should let the UI answer a call with onToolCall, or wait for addToolResult', async () => {
    server.enqueue({ sse: loadChunks('openai/tool-calls') }, { sse: loadChunks('openai/text') });
    const seen: string[] = [];
    const chat = new ChatController({
      generator: generator(),
      onToolCall: (call) => {
        seen.push(call.toolName);
        return undefined;
      },
    });
    await chat.send('Weather?');
    expect(seen).toEqual(['get_weather']);
    const { status, pendingToolCalls } = chat.store.getState();
    expect(status).toBe('awaiting-tool-result');
    await expect(chat.addToolResult('nope', 'x')).rejects.toThrow(/No tool call 'nope' is waiting/);
    await chat.addToolResult(pendingToolCalls[0]!.id!, { temperature: 21 });
    expect(chat.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    const sent = server.requests[1]!.json as { messages: Array<{ role: string; content?: string; tool_call_id?: string }> };
    expect(sent.messages.at(-1)).toEqual({ role: 'tool', content: '{"temperature":21}', tool_call_id: pendingToolCalls[0]!.id });
  });

  it('should give id-less tool calls (pre-3.2 TGI) an id, so the result can be sent back', async () => {
    server.enqueue({ sse: loadChunks('huggingface/tgi-legacy-tool-calls') }, { sse: loadChunks('huggingface/tgi') });
    const tgi = new HuggingFaceAPIChatGenerator({ apiType: 'text_generation_inference', apiParams: { url: server.url }, token: Secret.fromToken('hf_test') });
    const chat = new ChatController({ generator: tgi, tools: [weather] });
    await chat.send('Weather?');
    const call = chat.messages[1]!.toolCalls[0]!;
    expect(call.id).toMatch(/^call_/);
    const sent = server.requests[1]!.json as { messages: Array<{ role: string; tool_call_id?: string; tool_calls?: Array<{ id: string }> }> };
    expect(sent.messages[1]!.tool_calls![0]!.id).toBe(call.id);
    expect(sent.messages[2]!.tool_call_id).toBe(call.id);
  });

  it('should turn a throwing tool into an error result the model sees', async () => {
    server.enqueue({ sse: loadChunks('openai/tool-calls') }, { sse: loadChunks('openai/text') });
    const broken = new Tool({ name: 'get_weather', description: 'd', parameters: weather.parameters, invoke: () => { throw new Error('Weather service down'); } });
    const chat = new ChatController({ generator: generator(), tools: [broken] });
    await chat.send('Weather?');
    expect(chat.messages[2]!.toolCallResult).toMatchObject({ error: true, result: "Tool 'get_weather' failed: Weather service down" });
    expect((server.requests[1]!.json as { messages: Array<{ content?: string }> }).messages.at(-1)!.content).toBe("Tool 'get_weather' failed: Weather service down");
  });

  it('should record usage and time to first token per answer, and sum usage per thread', async () => {
    server.enqueue({ sse: loadChunks('openai/text') });
    const chat = new ChatController({ generator: generator() });
    await chat.send('One');
    await chat.send('Two');
    const answers = chat.messages.filter((message) => message.role === 'assistant');
    for (const answer of answers) expect(answer.meta.time_to_first_token_ms).toEqual(expect.any(Number));
    const usage = answers[0]!.meta.usage as { prompt_tokens: number; completion_tokens: number };
    expect(threadUsage(chat.thread)).toMatchObject({
      promptTokens: usage.prompt_tokens * 2,
      completionTokens: usage.completion_tokens * 2,
      lastTimeToFirstTokenMs: answers[1]!.meta.time_to_first_token_ms,
    });
  });
});

"""`onward mcp` for real: a child process speaking MCP over stdio to the SDK's client, as a
desktop assistant starts it."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import anyio
import pytest
from mcp import Client, StdioServerParameters

PASSWORD = "a long enough test password 1"


@pytest.mark.subprocess
def test_it_serves_the_read_tools_over_stdio(initialised_data_folder):
    env = {
        **os.environ,
        "ONWARD_DATA_DIR": str(initialised_data_folder),
        "DATABASE_URL": "",
        "ONWARD_INIT_PASSWORD": PASSWORD,
    }
    onward = [sys.executable, "-m", "onward"]
    subprocess.run(
        [*onward, "init", "--username", "sam", "--skip-static"],
        env=env,
        check=True,
        capture_output=True,
    )
    server = StdioServerParameters(
        command=sys.executable,
        args=["-m", "onward", "mcp", "--user", "sam", "--read-only"],
        env=env,
    )

    async def session():
        async with Client(server) as client:
            tools = {tool.name for tool in (await client.list_tools()).tools}
            stages = await client.call_tool("list_stages", {})
            refused = await client.call_tool("add_application", {"title": "x", "company": "y"})
            return tools, stages, refused

    # A thread of its own: a browser test's Playwright may hold this thread's event loop.
    with ThreadPoolExecutor(1) as thread:
        tools, stages, refused = thread.submit(anyio.run, session).result()

    assert "list_applications" in tools and "add_application" not in tools
    assert '"name": "Rejected"' in stages.content[0].text
    assert refused.is_error

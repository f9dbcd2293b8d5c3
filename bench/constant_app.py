"""The yardstick of DESIGN §8: an `async def` FastAPI endpoint returning a constant."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/constant")
async def constant() -> dict[str, bool]:
    return {"ok": True}

"""The benches' reference: a Flask app with one route that answers a short string, nothing else (no hooks,
no session, no database). bench/run.py serves it with the same gunicorn settings as CoCreate and divides
every page's rate by this app's, measured right before it for as long."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def bare():
    return "ok", 200, {"Content-Type": "text/plain"}

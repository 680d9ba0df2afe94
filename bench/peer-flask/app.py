"""The Flask peer (issue 16): seed A's flask-todomvc at its "login" stage (Flask-Security,
SQLAlchemy, a todo page that bootstraps its list as JSON, a JSON todo API), rebuilt on
Debian's python3-flask, -flask-sqlalchemy and -flask-security for the benchmark to measure
side by side with Staffroom. Run by bench/run.ts: `python3 app.py init` creates and seeds the
SQLite file, then gunicorn serves `app:app` with one worker per core.

Differences from the seed, each so that it does the same work as Staffroom's rows:
- Flask-Security 5 needs `fs_uniquifier` on the user (it checks it on every request, the
  way a revoked session is refused);
- todos have an owner and `/` and `/todos/<id>` show only the logged-in user's (the seed's
  `Todo.query.all()` predates owners), and the JSON route requires the login too (the seed
  left its API open "for a future article").
"""
import os
import sys
import uuid

# Debian 12's SQLAlchemy 1.4 warns about 2.0 on every model; nothing here is kept for 2.0.
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

from flask import Flask, abort, jsonify, render_template
from flask_security import (
    RoleMixin,
    Security,
    SQLAlchemyUserDatastore,
    UserMixin,
    current_user,
    hash_password,
    login_required,
)
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ.get("PEER_SECRET_KEY", "bench-peer-secret-0123456789abcdef"),
    SECURITY_PASSWORD_HASH="bcrypt",
    SECURITY_PASSWORD_SALT=os.environ.get("PEER_SECRET_KEY", "bench-peer-secret-0123456789abcdef"),
    SQLALCHEMY_DATABASE_URI="sqlite:///" + os.environ["PEER_DATABASE"],
    SQLALCHEMY_TRACK_MODIFICATIONS=False,
    # The benchmark's addresses end in .test, a special-use domain email_validator refuses.
    SECURITY_EMAIL_VALIDATOR_ARGS={"check_deliverability": False, "test_environment": True},
)
db = SQLAlchemy(app)

roles_users = db.Table(
    "roles_users",
    db.Column("user_id", db.Integer, db.ForeignKey("users.id")),
    db.Column("role_id", db.Integer, db.ForeignKey("roles.id")),
)


class Role(db.Model, RoleMixin):
    __tablename__ = "roles"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String, unique=True)
    description = db.Column(db.String)


class User(db.Model, UserMixin):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String, unique=True)
    password = db.Column(db.String)
    active = db.Column(db.Boolean)
    fs_uniquifier = db.Column(db.String(64), unique=True, nullable=False)
    roles = db.relationship("Role", secondary=roles_users, backref=db.backref("users", lazy="dynamic"))


class Todo(db.Model):
    __tablename__ = "todos"
    id = db.Column(db.Integer, primary_key=True)
    owner_id = db.Column(db.Integer, db.ForeignKey("users.id"), index=True)
    title = db.Column(db.String)
    order = db.Column(db.Integer)
    completed = db.Column(db.Boolean)

    def to_json(self):
        return {"id": self.id, "title": self.title, "order": self.order, "completed": self.completed}


user_datastore = SQLAlchemyUserDatastore(db, User, Role)
security = Security(app, user_datastore)


@app.route("/")
@login_required
def index():
    todos = Todo.query.filter_by(owner_id=current_user.id).order_by(Todo.order).all()
    return render_template("index.html", todos=[todo.to_json() for todo in todos])


@app.route("/todos/<int:id>")
@login_required
def read(id):
    todo = Todo.query.filter_by(id=id, owner_id=current_user.id).first()
    if todo is None:
        abort(404)
    return jsonify(**todo.to_json())


def init_db(email, password, count):
    with app.app_context():
        db.create_all()
        user = user_datastore.create_user(email=email, password=hash_password(password), fs_uniquifier=uuid.uuid4().hex)
        db.session.flush()
        for i in range(1, count + 1):
            db.session.add(Todo(owner_id=user.id, title="Benchmark todo %02d" % i, order=i, completed=i % 4 == 0))
        db.session.commit()


if __name__ == "__main__" and sys.argv[1:2] == ["init"]:
    init_db(sys.argv[2], sys.argv[3], int(sys.argv[4]))

import { DBNull, isArray, TreeNode, Value } from '../values/values';
import { hash256 } from './crypto';
import { table } from './types';
import { err, node, str } from './util';

/**
 * User records kept in a JSON array node (parseJSON('[]', 'users')): the records are JSON
 * nodes with userID, email, displayName, roles and a SHA-256 password hash.
 */
function userList(users: TreeNode): Value[] {
  const items = users.arrayItems();
  if (items) return items;
  const v = users.attrs.get('_' + users.name);
  return isArray(v) ? v : [];
}

function findUser(users: TreeNode, id: string): TreeNode | undefined {
  for (const u of userList(users)) {
    if (u instanceof TreeNode && (u.attrs.get('userID') === id || u.attrs.get('email') === id)) return u;
  }
  return undefined;
}

export const AUTH_BUILTINS = table('auth', [
  [
    'findUser',
    2,
    2,
    'findUser(users, id): the user record with that userID or email (error when absent).',
    (a) => {
      const users = node(a[0], 'findUser');
      const id = str(a[1], 'findUser', 'user id');
      return findUser(users, id) ?? err(`user not found: ${id}`);
    },
  ],
  [
    'authenticateUser',
    3,
    3,
    'authenticateUser(users, id, password): the user record when the password matches, else an error.',
    (a) => {
      const u = findUser(node(a[0], 'authenticateUser'), str(a[1], 'authenticateUser', 'user id'));
      if (!u) return err('authentication failed: user not found');
      if (u.attrs.get('password') !== hash256(str(a[2], 'authenticateUser', 'password')))
        return err('authentication failed: invalid password');
      return u;
    },
  ],
  [
    'createUser',
    2,
    3,
    'createUser(users, profileNode[, password]): adds a user record (password stored hashed).',
    (a) => {
      const users = node(a[0], 'createUser');
      const u = node(a[1], 'createUser');
      const id = u.attrs.get('userID');
      if (typeof id !== 'string' || id === '') return err('createUser: the profile needs a userID');
      if (findUser(users, id)) return err(`createUser: user ${id} already exists`);
      if (a.length > 2) u.attrs.set('password', hash256(str(a[2], 'createUser', 'password')));
      const items = users.arrayItems();
      if (items) items.push(u);
      else users.attrs.set('_' + users.name, [...userList(users), u]);
      return u;
    },
  ],
  [
    'deleteUser',
    2,
    2,
    'deleteUser(users, id): removes a user record; true when one was removed.',
    (a) => {
      const users = node(a[0], 'deleteUser');
      const list = userList(users);
      const u = findUser(users, str(a[1], 'deleteUser', 'user id'));
      if (!u) return false;
      list.splice(list.indexOf(u), 1);
      return true;
    },
  ],
  [
    'setUserPassword',
    3,
    3,
    'setUserPassword(users, id, password): stores a new password hash.',
    (a) => {
      const users = node(a[0], 'setUserPassword');
      const id = str(a[1], 'setUserPassword', 'user id');
      const u = findUser(users, id);
      if (!u) return err(`user not found: ${id}`);
      u.attrs.set('password', hash256(str(a[2], 'setUserPassword', 'password')));
      return true;
    },
  ],
  [
    'validateDisplayName',
    1,
    1,
    'True for 1–64 letters, digits, spaces, dots, dashes, underscores or apostrophes.',
    (a) => typeof a[0] === 'string' && /^[\p{L}\p{N} ._'-]{1,64}$/u.test(a[0]) && a[0].trim() !== '',
  ],
]);

export { DBNull };

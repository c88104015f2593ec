export type UserRole = 'admin' | 'user';

export interface LoginResponse {
  token: string;
  username: string;
  role: UserRole;
  expires_at: string;
}

export interface UserProfile {
  username: string;
  role: UserRole;
  created_at: string;
  must_change_password: boolean;
}

/** Name of the httpOnly cookie that carries the session token. */
export const SESSION_COOKIE = 'chariot_token';
